// AWS failures as one typed error the rest of Changegate can act on: the orchestrator branches on
// `kind` (ALIAS_CHANGED stops a deploy instead of overwriting someone's change; PARAMETER_CHANGED
// does the same for an SSM parameter), and the message names the call, function, alias and version
// (or parameter) so the deployment page can show it as is.
import { AppError, type ErrorCode } from "@/lib/errors";

export const AWS_ERROR_KINDS = ["ALIAS_CHANGED", "PARAMETER_CHANGED", "SERVICE_CHANGED", "NOT_FOUND", "ACCESS_DENIED", "THROTTLED", "UPSTREAM", "INVALID"] as const;
export type AwsErrorKind = (typeof AWS_ERROR_KINDS)[number];

const APP_CODE: Record<AwsErrorKind, ErrorCode> = {
  ALIAS_CHANGED: "CONFLICT",
  PARAMETER_CHANGED: "CONFLICT",
  // ECS: the service's PRIMARY deployment is not the one the caller read (someone else deployed).
  SERVICE_CHANGED: "CONFLICT",
  NOT_FOUND: "NOT_FOUND",
  // Missing IAM permissions or exhausted AWS capacity are not the user's input: a 502 with the reason.
  ACCESS_DENIED: "UPSTREAM",
  THROTTLED: "UPSTREAM",
  UPSTREAM: "UPSTREAM",
  INVALID: "VALIDATION",
};

export interface AwsCallContext {
  operation: string;
  functionName?: string;
  alias?: string;
  version?: string;
  /** SSM calls: the parameter (or path) the call was about. */
  parameterName?: string;
  /** ECS calls: the cluster and service, or the task definition, the call was about. */
  cluster?: string;
  service?: string;
  taskDefinition?: string;
  /** CloudWatch alarm calls: the alarms asked about. */
  alarmNames?: string[];
}

export class AwsGatewayError extends AppError {
  readonly kind: AwsErrorKind;
  readonly operation: string;
  /** The AWS error type (e.g. PreconditionFailedException), when AWS answered. */
  readonly awsType?: string;
  readonly httpStatus?: number;
  readonly attempts?: number;

  constructor(kind: AwsErrorKind, message: string, ctx: AwsCallContext & { awsType?: string; httpStatus?: number; attempts?: number }) {
    super(APP_CODE[kind], message, { details: { kind, ...ctx } });
    this.name = "AwsGatewayError";
    this.kind = kind;
    this.operation = ctx.operation;
    this.awsType = ctx.awsType;
    this.httpStatus = ctx.httpStatus;
    this.attempts = ctx.attempts;
  }
}

export function isAwsGatewayError(e: unknown, kind?: AwsErrorKind): e is AwsGatewayError {
  return e instanceof AwsGatewayError && (kind === undefined || e.kind === kind);
}

const THROTTLE_TYPES = new Set(["TooManyRequestsException", "ThrottlingException", "Throttling", "RequestLimitExceeded", "EC2ThrottledException", "TooManyUpdates"]);
// SSM and ECS answer 400 for these, not 404.
const NOT_FOUND_TYPES = new Set(["ResourceNotFoundException", "ParameterNotFound", "ParameterVersionNotFound", "ClusterNotFoundException", "ServiceNotFoundException"]);
const DENIED_TYPES = new Set([
  "AccessDeniedException",
  "AccessDenied",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "ExpiredTokenException",
  "InvalidClientTokenId",
  "CredentialsProviderError",
  "KMSAccessDeniedException",
]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

export function classifyAwsError(e: unknown): AwsErrorKind {
  const err = (e ?? {}) as SdkLikeError;
  const type = err.name ?? "";
  const status = err.$metadata?.httpStatusCode;
  if (type === "PreconditionFailedException" || status === 412) return "ALIAS_CHANGED";
  // Only a create-if-absent PutParameter (Overwrite false) can meet this: someone created it first.
  if (type === "ParameterAlreadyExists") return "PARAMETER_CHANGED";
  if (NOT_FOUND_TYPES.has(type) || status === 404) return "NOT_FOUND";
  if (DENIED_TYPES.has(type) || status === 401 || status === 403) return "ACCESS_DENIED";
  if (THROTTLE_TYPES.has(type) || status === 429) return "THROTTLED";
  if ((status !== undefined && status >= 500) || NETWORK_CODES.has(err.code ?? "") || type === "TimeoutError") return "UPSTREAM";
  if (status !== undefined && status >= 400) return "INVALID";
  return "UPSTREAM";
}

function target(ctx: AwsCallContext): string {
  if (ctx.parameterName) return `parameter ${ctx.parameterName}`;
  if (ctx.service) return `service ${ctx.cluster ?? "default"}/${ctx.service}`;
  if (ctx.taskDefinition) return `task definition ${ctx.taskDefinition}`;
  if (ctx.alarmNames) return `alarm${ctx.alarmNames.length === 1 ? "" : "s"} ${ctx.alarmNames.join(", ")}`;
  const fn = ctx.functionName ?? "(unknown function)";
  const where = ctx.alias ? `${fn}:${ctx.alias}` : fn;
  return ctx.version ? `${where} (version ${ctx.version})` : where;
}

/** Wraps any failure of an AWS call; an AwsGatewayError passes through unchanged. */
export function toAwsGatewayError(e: unknown, ctx: AwsCallContext): AwsGatewayError {
  if (e instanceof AwsGatewayError) return e;
  const err = (e ?? {}) as SdkLikeError;
  const kind = classifyAwsError(e);
  const attempts = err.$metadata?.attempts;
  const aws = err.message ? ` AWS said: ${err.message}` : "";
  const tries = attempts && attempts > 1 ? ` after ${attempts} attempts` : "";
  const where = target(ctx);
  const messages: Record<AwsErrorKind, string> = {
    ALIAS_CHANGED: `Alias ${ctx.functionName}:${ctx.alias} was changed outside Changegate since it was read (revision mismatch), so ${ctx.operation} was refused rather than overwrite that change. Re-read the alias and decide.`,
    PARAMETER_CHANGED: `Parameter ${ctx.parameterName} was created outside Changegate since it was read, so ${ctx.operation} was refused rather than overwrite it. Re-read the parameter and decide.${aws}`,
    SERVICE_CHANGED: `Service ${ctx.cluster ?? "default"}/${ctx.service} was deployed outside Changegate since it was read (its PRIMARY deployment changed), so ${ctx.operation} was refused rather than fight that deployment. Re-read the service and decide.`,
    NOT_FOUND: `${ctx.operation} failed: ${where} does not exist.${aws}`,
    ACCESS_DENIED: `Changegate's AWS credentials may not call ${ctx.operation} on ${where}.${aws}`,
    THROTTLED: `AWS kept throttling ${ctx.operation} on ${where}${tries}.${aws}`,
    UPSTREAM: `AWS failed ${ctx.operation} on ${where}${tries}.${aws || ` ${String(err.code ?? err.name ?? e)}`}`,
    INVALID: `AWS refused ${ctx.operation} on ${where}.${aws}`,
  };
  return new AwsGatewayError(kind, messages[kind], {
    ...ctx,
    awsType: err.name,
    httpStatus: err.$metadata?.httpStatusCode,
    attempts,
  });
}
