// The Lambda calls a deploy needs, behind a small interface so the orchestrator never touches the
// SDK. Every alias write carries the RevisionId the caller read: a change made outside Changegate
// in between fails as ALIAS_CHANGED instead of being silently overwritten.
import {
  GetAliasCommand,
  InvokeCommand,
  LambdaClient,
  paginateListVersionsByFunction,
  PublishVersionCommand,
  UpdateAliasCommand,
  type AliasConfiguration,
  type FunctionConfiguration,
} from "@aws-sdk/client-lambda";
import { createLambdaClient, type AwsClientOptions } from "./clients";
import { AwsGatewayError, isAwsGatewayError, toAwsGatewayError, type AwsCallContext } from "./errors";

export interface AliasState {
  functionName: string;
  alias: string;
  arn: string;
  /** The primary version: gets 1 − Σ additional weights. */
  functionVersion: string;
  /** Versions getting extra traffic, e.g. { "5": 0.1 }; empty when the alias points at one version. */
  additionalVersionWeights: Record<string, number>;
  revisionId: string;
  description: string;
}

export interface FunctionVersionInfo {
  version: string;
  description: string;
  lastModified: Date | null;
  codeSha256: string;
}

export interface HookResult {
  ok: boolean;
  executedVersion: string | null;
  statusCode: number;
  /** The hook's response, parsed as JSON when it is JSON. */
  payload: unknown;
  /** The hook's own error message when it failed (X-Amz-Function-Error). */
  error?: string;
}

/**
 * What Changegate sends its pre/post-traffic hooks. The sandbox fails a hook when the target
 * version carries a hookFailure fault; a real hook can use it to know what to validate.
 */
export interface HookPayload {
  phase: "PRE_TRAFFIC" | "POST_TRAFFIC";
  functionName: string;
  alias: string;
  targetVersion: string;
  deploymentId?: string;
}

export interface ShiftInput {
  stableVersion: string;
  newVersion: string;
  /** Share for the new version, 0 < weight < 1; 1 completes the shift. */
  weight: number;
  revisionId: string;
}

export interface LambdaGateway {
  getAlias(functionName: string, alias: string): Promise<AliasState>;
  /** Published versions in ascending order, all pages; $LATEST only when asked. */
  listVersions(functionName: string, opts?: { includeLatest?: boolean; pageSize?: number }): Promise<FunctionVersionInfo[]>;
  /** Publishes $LATEST (or returns the version that already holds its code). */
  publishVersion(functionName: string, opts?: { description?: string; codeSha256?: string }): Promise<FunctionVersionInfo>;
  /** Alias stays on stableVersion; newVersion gets `weight` of the traffic. */
  shiftTraffic(functionName: string, alias: string, input: ShiftInput): Promise<AliasState>;
  /** Alias → newVersion, routing cleared. */
  completeShift(functionName: string, alias: string, input: { newVersion: string; revisionId: string }): Promise<AliasState>;
  /** Alias → version, routing cleared. Without revisionId it applies whatever the alias holds now. */
  rollbackAlias(functionName: string, alias: string, input: { version: string; revisionId?: string }): Promise<AliasState>;
  invokeHook(functionName: string, payload: unknown): Promise<HookResult>;
}

const PUBLISHED = /^\d+$/;

export function createLambdaGateway(opts: AwsClientOptions & { client?: LambdaClient } = {}): LambdaGateway {
  const client = opts.client ?? createLambdaClient(opts);

  async function call<T>(ctx: AwsCallContext, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw toAwsGatewayError(e, ctx);
    }
  }

  function invalid(ctx: AwsCallContext, message: string): AwsGatewayError {
    return new AwsGatewayError("INVALID", message, ctx);
  }

  async function getAlias(functionName: string, alias: string): Promise<AliasState> {
    const ctx = { operation: "GetAlias", functionName, alias };
    return toAliasState(functionName, await call(ctx, () => client.send(new GetAliasCommand({ FunctionName: functionName, Name: alias }))));
  }

  /**
   * UpdateAlias with optimistic locking. When an earlier attempt of this very call may have landed
   * (a 5xx after AWS applied it) the retry sees a new RevisionId; if the alias already holds exactly
   * what we asked for, that is our own write, not someone else's.
   */
  async function updateAlias(ctx: AwsCallContext, alias: string, version: string, weights: Record<string, number>, revisionId?: string) {
    const functionName = ctx.functionName!;
    try {
      const out = await client.send(
        new UpdateAliasCommand({
          FunctionName: functionName,
          Name: alias,
          FunctionVersion: version,
          // An empty map clears routing; omitting RoutingConfig would keep the old weights.
          RoutingConfig: { AdditionalVersionWeights: weights },
          ...(revisionId ? { RevisionId: revisionId } : {}),
        }),
      );
      return toAliasState(functionName, out);
    } catch (e) {
      const err = toAwsGatewayError(e, ctx);
      if (isAwsGatewayError(err, "ALIAS_CHANGED") && (err.attempts ?? 1) > 1) {
        const now = await getAlias(functionName, alias);
        if (now.functionVersion === version && sameWeights(now.additionalVersionWeights, weights)) return now;
      }
      throw err;
    }
  }

  async function completeShift(functionName: string, alias: string, input: { newVersion: string; revisionId: string }) {
    const ctx = { operation: "UpdateAlias", functionName, alias, version: input.newVersion };
    return updateAlias(ctx, alias, input.newVersion, {}, input.revisionId);
  }

  return {
    getAlias,

    async listVersions(functionName, o = {}) {
      const ctx = { operation: "ListVersionsByFunction", functionName };
      return call(ctx, async () => {
        const out: FunctionVersionInfo[] = [];
        const pages = paginateListVersionsByFunction({ client, pageSize: o.pageSize ?? 50 }, { FunctionName: functionName });
        for await (const page of pages) {
          for (const v of page.Versions ?? []) if (o.includeLatest || PUBLISHED.test(v.Version ?? "")) out.push(toVersionInfo(v));
        }
        return out;
      });
    },

    async publishVersion(functionName, o = {}) {
      const ctx = { operation: "PublishVersion", functionName, version: "$LATEST" };
      const out = await call(ctx, () =>
        client.send(new PublishVersionCommand({ FunctionName: functionName, Description: o.description, CodeSha256: o.codeSha256 })),
      );
      return toVersionInfo(out);
    },

    async shiftTraffic(functionName, alias, input) {
      const ctx = { operation: "UpdateAlias", functionName, alias, version: input.newVersion };
      if (!(input.weight > 0 && input.weight <= 1)) throw invalid(ctx, `Traffic weight must be above 0 and at most 1 (got ${input.weight}).`);
      if (input.weight === 1) return completeShift(functionName, alias, { newVersion: input.newVersion, revisionId: input.revisionId });
      if (!PUBLISHED.test(input.stableVersion) || !PUBLISHED.test(input.newVersion)) {
        throw invalid(ctx, `Weighted routing needs two published versions, not $LATEST (stable ${input.stableVersion}, new ${input.newVersion}).`);
      }
      if (input.stableVersion === input.newVersion) throw invalid(ctx, `The new version ${input.newVersion} is already the alias's stable version.`);
      return updateAlias(ctx, alias, input.stableVersion, { [input.newVersion]: input.weight }, input.revisionId);
    },

    completeShift,

    async rollbackAlias(functionName, alias, input) {
      const ctx = { operation: "UpdateAlias", functionName, alias, version: input.version };
      return updateAlias(ctx, alias, input.version, {}, input.revisionId);
    },

    async invokeHook(functionName, payload) {
      const ctx = { operation: "Invoke", functionName };
      const out = await call(ctx, () =>
        client.send(
          new InvokeCommand({
            FunctionName: functionName,
            InvocationType: "RequestResponse",
            Payload: new TextEncoder().encode(JSON.stringify(payload ?? {})),
          }),
        ),
      );
      const text = out.Payload ? new TextDecoder().decode(out.Payload) : "";
      const body = parseMaybeJson(text);
      const statusCode = out.StatusCode ?? 0;
      const ok = !out.FunctionError && statusCode >= 200 && statusCode < 300;
      const error = out.FunctionError ? hookErrorMessage(body, out.FunctionError) : undefined;
      return { ok, executedVersion: out.ExecutedVersion ?? null, statusCode, payload: body, ...(error ? { error } : {}) };
    },
  };
}

function toAliasState(functionName: string, a: AliasConfiguration): AliasState {
  const weights: Record<string, number> = {};
  for (const [v, w] of Object.entries(a.RoutingConfig?.AdditionalVersionWeights ?? {})) if (typeof w === "number") weights[v] = w;
  return {
    functionName,
    alias: a.Name ?? "",
    arn: a.AliasArn ?? "",
    functionVersion: a.FunctionVersion ?? "",
    additionalVersionWeights: weights,
    revisionId: a.RevisionId ?? "",
    description: a.Description ?? "",
  };
}

function toVersionInfo(v: FunctionConfiguration): FunctionVersionInfo {
  // Lambda's LastModified looks like 2024-03-05T14:03:00.000+0000, which Date parses only with a colon.
  const raw = v.LastModified?.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const d = raw ? new Date(raw) : null;
  return {
    version: v.Version ?? "",
    description: v.Description ?? "",
    lastModified: d && !Number.isNaN(d.getTime()) ? d : null,
    codeSha256: v.CodeSha256 ?? "",
  };
}

function sameWeights(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Math.abs((a[k] ?? NaN) - (b[k] ?? NaN)) < 1e-9);
}

function parseMaybeJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function hookErrorMessage(body: unknown, functionError: string): string {
  if (body && typeof body === "object") {
    const b = body as { errorMessage?: unknown; errorType?: unknown };
    if (typeof b.errorMessage === "string") return typeof b.errorType === "string" ? `${b.errorType}: ${b.errorMessage}` : b.errorMessage;
  }
  return typeof body === "string" && body ? body : `The hook failed (${functionError})`;
}
