// Parameter Store's rules and error wording, as AWS states them (API reference and the messages AWS
// returns), so a client that works against the sandbox meets the same refusals in AWS.
import { AwsApiError } from "./http";
import type { SsmParameter, SsmParameterType, SsmTier } from "./types";
import { SSM_PARAMETER_TYPES, SSM_TIERS } from "./types";

export const ACCOUNT = "000000000000";
export const STANDARD_MAX_BYTES = 4096;
export const ADVANCED_MAX_BYTES = 8192;
/** AWS keeps the last 100 versions; older ones are deleted (unless labelled; the sandbox has no labels). */
export const MAX_VERSIONS = 100;
const MAX_NAME = 1011;
const MAX_DEPTH = 15;

const NAME_RULE =
  'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';
const PATH_RULE =
  'Parameter path: can\'t be prefixed with "aws" or "ssm" (case-insensitive) except global parameter name path prefixed with "aws" (case-sensitive). It should always begin with / symbol.It consists of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';

export function validation(message: string): AwsApiError {
  return new AwsApiError(400, "ValidationException", message);
}

export function parameterNotFound(name: string): AwsApiError {
  return new AwsApiError(400, "ParameterNotFound", `Parameter ${name} not found.`);
}

const SEGMENT = /^[A-Za-z0-9_.-]+$/;
const RESERVED = /^(aws|ssm)/i;

/** A fully qualified name ("/a/b/c") or a flat one ("name"); throws AWS's ValidationException otherwise. */
export function checkName(name: unknown): string {
  if (typeof name !== "string" || name.length === 0 || name.length > MAX_NAME) throw validation(NAME_RULE);
  const hierarchical = name.includes("/");
  if (hierarchical && !name.startsWith("/")) throw validation(NAME_RULE);
  const segments = hierarchical ? name.slice(1).split("/") : [name];
  if (segments.some((s) => !SEGMENT.test(s)) || RESERVED.test(segments[0] ?? "")) throw validation(NAME_RULE);
  if (segments.length > MAX_DEPTH) {
    throw new AwsApiError(400, "HierarchyLevelLimitExceededException", `A hierarchy can have a maximum of ${MAX_DEPTH} levels. Parameter ${name} has ${segments.length}.`);
  }
  return name;
}

/** A path for GetParametersByPath: "/" or "/a/b" (a trailing slash is accepted). Returns the prefix to match. */
export function pathPrefix(path: unknown): string {
  if (typeof path !== "string" || !path.startsWith("/") || path.length > MAX_NAME) throw validation(PATH_RULE);
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "") return "/";
  const segments = trimmed.slice(1).split("/");
  if (segments.some((s) => !SEGMENT.test(s)) || RESERVED.test(segments[0] ?? "")) throw validation(PATH_RULE);
  return `${trimmed}/`;
}

export function checkType(type: unknown, existing: SsmParameterType | undefined): SsmParameterType {
  if (type === undefined || type === null) {
    if (existing) return existing;
    throw validation("A parameter type is required when you create a parameter.");
  }
  if (!SSM_PARAMETER_TYPES.includes(type as SsmParameterType)) {
    throw validation(`1 validation error detected: Value '${String(type)}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]`);
  }
  return type as SsmParameterType;
}

/** The tier the value lands in: Standard unless asked otherwise; an Advanced parameter never goes back. */
export function checkTier(tier: unknown, value: string, existing: SsmTier | undefined): SsmTier {
  if (tier !== undefined && !(SSM_TIERS as readonly unknown[]).includes(tier)) {
    throw validation(`1 validation error detected: Value '${String(tier)}' at 'tier' failed to satisfy constraint: Member must satisfy enum value set: [Advanced, Intelligent-Tiering, Standard]`);
  }
  const bytes = Buffer.byteLength(value, "utf8");
  if (bytes > ADVANCED_MAX_BYTES) {
    throw validation(`1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length less than or equal to ${ADVANCED_MAX_BYTES}`);
  }
  const wanted: SsmTier =
    tier === "Advanced" || (tier === "Intelligent-Tiering" && bytes > STANDARD_MAX_BYTES) || (tier === undefined && existing === "Advanced") ? "Advanced" : "Standard";
  if (wanted === "Standard" && existing === "Advanced") {
    throw validation(
      "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.",
    );
  }
  if (wanted === "Standard" && bytes > STANDARD_MAX_BYTES) {
    throw validation(
      `Standard tier parameters support a maximum parameter value of ${STANDARD_MAX_BYTES} characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html`,
    );
  }
  return wanted;
}

export function checkValue(value: unknown): string {
  if (typeof value !== "string" || value.length === 0) {
    throw validation("1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1");
  }
  return value;
}

export function checkMaxResults(value: unknown, max: number, field: string): number {
  if (value === undefined || value === null) return max;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    throw validation(`1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must have value ${Number(value) < 1 ? "greater than or equal to 1" : `less than or equal to ${max}`}`);
  }
  return value;
}

/** NextToken: an opaque offset. Anything we did not hand out is refused, as AWS does. */
export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString("base64url");
}

export function decodeToken(token: unknown): number {
  if (token === undefined || token === null || token === "") return 0;
  try {
    const o = (JSON.parse(Buffer.from(String(token), "base64url").toString("utf8")) as { o?: unknown }).o;
    if (typeof o === "number" && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through
  }
  throw new AwsApiError(400, "InvalidNextToken", "The specified token isn't valid.");
}

export function parameterArn(region: string, name: string): string {
  return `arn:aws:ssm:${region}:${ACCOUNT}:parameter${name.startsWith("/") ? "" : "/"}${name}`;
}

export function userArn(user: string): string {
  return user.startsWith("arn:") ? user : `arn:aws:iam::${ACCOUNT}:user/${user}`;
}

export function latest(p: SsmParameter) {
  const v = p.versions[p.versions.length - 1];
  if (!v) throw parameterNotFound(p.name);
  return v;
}
