// Lambda's own rules for aliases, enforced the way the real service does, so a bug in the portal's
// UpdateAlias calls fails here in tests instead of in production.
import { AwsApiError } from "./http";
import type { SandboxFunction } from "./types";

export const ACCOUNT_ID = "000000000000";

export function functionArn(region: string, fn: string, qualifier?: string): string {
  return `arn:aws:lambda:${region}:${ACCOUNT_ID}:function:${fn}${qualifier ? `:${qualifier}` : ""}`;
}

/**
 * FunctionName as Lambda accepts it: a name, "name:qualifier", a full ARN or "account:function:name".
 */
export function parseFunctionName(raw: string): { name: string; qualifier?: string } {
  const arn = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]+)(?::([$A-Za-z0-9_-]+))?$/.exec(raw);
  const partial = /^\d{12}:function:([A-Za-z0-9_-]+)(?::([$A-Za-z0-9_-]+))?$/.exec(raw);
  const plain = /^([A-Za-z0-9_-]{1,140})(?::([$A-Za-z0-9_-]+))?$/.exec(raw);
  const m = arn ?? partial ?? plain;
  if (!m?.[1]) {
    throw new AwsApiError(400, "InvalidParameterValueException", `1 validation error detected: Value '${raw}' at 'functionName' failed to satisfy constraint`);
  }
  return m[2] ? { name: m[1], qualifier: m[2] } : { name: m[1] };
}

export function notFound(region: string, fn: string, qualifier?: string): AwsApiError {
  return new AwsApiError(404, "ResourceNotFoundException", `Function not found: ${functionArn(region, fn, qualifier)}`);
}

export function aliasNotFound(region: string, fn: string, alias: string): AwsApiError {
  return new AwsApiError(404, "ResourceNotFoundException", `Alias not found: ${functionArn(region, fn, alias)}`);
}

function invalid(message: string): AwsApiError {
  return new AwsApiError(400, "InvalidParameterValueException", message);
}

export function hasVersion(fn: SandboxFunction, version: string): boolean {
  return version === "$LATEST" || fn.versions.some((v) => v.version === version);
}

/** Checks an alias target and its routing config as Lambda does; throws the error Lambda would. */
export function checkAliasTarget(
  region: string,
  fn: SandboxFunction,
  functionVersion: string,
  weights: Record<string, unknown>,
): Record<string, number> {
  if (!hasVersion(fn, functionVersion)) throw notFound(region, fn.name, functionVersion);
  const entries = Object.entries(weights);
  if (entries.length > 1) {
    throw invalid("Number of items in AdditionalVersionWeights must be at most 1: an alias can route to at most two versions");
  }
  const out: Record<string, number> = {};
  for (const [version, weight] of entries) {
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0 || weight > 1) {
      throw invalid(`Invalid weight ${String(weight)} for version ${version}: weights must be between 0.0 and 1.0`);
    }
    if (version === "$LATEST" || functionVersion === "$LATEST") {
      throw invalid("$LATEST is not supported for an alias pointing to more than 1 version");
    }
    if (!/^\d+$/.test(version) || !hasVersion(fn, version)) {
      throw invalid(`Version ${version} of function ${fn.name} does not exist and cannot be used in RoutingConfig`);
    }
    if (version === functionVersion) {
      throw invalid(`The additional version ${version} must be different from the alias's primary version`);
    }
    out[version] = weight;
  }
  return out;
}

/** Share of the alias's traffic each version gets. */
export function versionShares(functionVersion: string, weights: Record<string, number>): Map<string, number> {
  const shares = new Map<string, number>();
  let rest = 1;
  for (const [v, w] of Object.entries(weights)) {
    shares.set(v, w);
    rest -= w;
  }
  shares.set(functionVersion, (shares.get(functionVersion) ?? 0) + Math.max(0, rest));
  return shares;
}

export function revisionId(): string {
  return crypto.randomUUID();
}

export function codeSha(...parts: string[]): string {
  // Lambda reports base64 SHA-256 of the package; any stable, distinct string serves here.
  return Buffer.from(`${parts.join("/")}/${crypto.randomUUID()}`).toString("base64").slice(0, 44);
}

/** Lambda's LastModified format: 2024-03-05T14:03:00.000+0000. */
export function lambdaTimestamp(d: Date = new Date()): string {
  return d.toISOString().replace("Z", "+0000");
}
