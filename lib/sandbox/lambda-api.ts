// The Lambda REST-JSON operations the portal uses, on /2015-03-31/functions/…: GetAlias, UpdateAlias,
// CreateAlias, ListAliases, ListVersionsByFunction, PublishVersion, GetFunction and Invoke.
import type { IncomingMessage, ServerResponse } from "node:http";
import { AwsApiError, parseJson, readBody, regionOf, sendJson } from "./http";
import { invoke } from "./lambda-invoke";
import { aliasNotFound, functionArn, notFound, parseFunctionName } from "./lambda-rules";
import type { SandboxStore } from "./store";
import type { SandboxAlias, SandboxFunction } from "./types";

const PREFIX = "/2015-03-31/functions/";

export interface LambdaCall {
  operation: string;
  functionName?: string;
}

/** Works out which operation a request is, before anything can fail, so every call is logged. */
export function identifyLambdaCall(method: string, path: string): LambdaCall & { parts: string[] } {
  const parts = path.slice(PREFIX.length).split("/").filter(Boolean).map(decodeURIComponent);
  const [fn, sub, name] = parts;
  const op =
    sub === undefined && method === "GET" ? "GetFunction"
    : sub === "aliases" && name !== undefined && method === "GET" ? "GetAlias"
    : sub === "aliases" && name !== undefined && method === "PUT" ? "UpdateAlias"
    : sub === "aliases" && name === undefined && method === "GET" ? "ListAliases"
    : sub === "aliases" && name === undefined && method === "POST" ? "CreateAlias"
    : sub === "versions" && method === "GET" ? "ListVersionsByFunction"
    : sub === "versions" && method === "POST" ? "PublishVersion"
    : sub === "invocations" && method === "POST" ? "Invoke"
    : "Unknown";
  const functionName = fn === undefined ? undefined : safeName(fn);
  return { operation: op, functionName, parts };
}

function safeName(raw: string): string {
  try {
    return parseFunctionName(raw).name;
  } catch {
    return raw;
  }
}

export async function handleLambda(store: SandboxStore, req: IncomingMessage, res: ServerResponse, url: URL, call: LambdaCall & { parts: string[] }) {
  const region = regionOf(req);
  const [rawFn, , aliasName] = call.parts;
  if (call.operation === "Unknown" || rawFn === undefined) {
    throw new AwsApiError(404, "UnknownOperationException", `Unknown operation ${req.method} ${url.pathname}`);
  }
  const { name, qualifier } = parseFunctionName(rawFn);
  const body = await readBody(req);
  const json = () => parseJson(body, () => new AwsApiError(400, "InvalidRequestContentException", "Could not parse request body into json")) as Record<string, unknown>;

  switch (call.operation) {
    case "GetAlias": {
      const { fn, alias } = store.alias(region, name, aliasName!);
      return sendJson(res, 200, aliasJson(region, fn, alias));
    }
    case "UpdateAlias": {
      const input = json();
      const routing = input.RoutingConfig as { AdditionalVersionWeights?: Record<string, unknown> } | undefined;
      const alias = store.updateAlias(region, name, aliasName!, {
        functionVersion: str(input.FunctionVersion),
        weights: routing ? (routing.AdditionalVersionWeights ?? {}) : undefined,
        revisionId: str(input.RevisionId),
        description: str(input.Description),
      });
      return sendJson(res, 200, aliasJson(region, store.fn(region, name), alias));
    }
    case "CreateAlias": {
      const input = json();
      const routing = input.RoutingConfig as { AdditionalVersionWeights?: Record<string, unknown> } | undefined;
      const aliasName = str(input.Name);
      const version = str(input.FunctionVersion);
      if (!aliasName || !version) throw new AwsApiError(400, "InvalidParameterValueException", "Name and FunctionVersion are required");
      const alias = store.createAlias(region, name, {
        alias: aliasName,
        functionVersion: version,
        weights: routing?.AdditionalVersionWeights,
        description: str(input.Description),
      });
      return sendJson(res, 201, aliasJson(region, store.fn(region, name), alias));
    }
    case "ListAliases": {
      const fn = store.fn(region, name);
      return sendJson(res, 200, { Aliases: Object.values(fn.aliases).map((a) => aliasJson(region, fn, a)) });
    }
    case "ListVersionsByFunction":
      return sendJson(res, 200, listVersions(region, store.fn(region, name), url.searchParams));
    case "PublishVersion": {
      const input = json();
      const v = store.publishVersion(region, name, {
        codeSha256: str(input.CodeSha256),
        description: str(input.Description),
        revisionId: str(input.RevisionId),
      });
      return sendJson(res, 201, configJson(region, store.fn(region, name), v.version));
    }
    case "GetFunction": {
      const fn = store.fn(region, name);
      const q = url.searchParams.get("Qualifier") ?? qualifier ?? "$LATEST";
      const version = fn.aliases[q] ? fn.aliases[q].history.at(-1)!.functionVersion : q;
      if (version !== "$LATEST" && !fn.versions.some((v) => v.version === version)) throw notFound(region, name, q);
      return sendJson(res, 200, {
        Configuration: configJson(region, fn, version),
        Code: { RepositoryType: "S3", Location: `https://sandbox.invalid/${fn.name}/${version}.zip` },
        Tags: {},
      });
    }
    case "Invoke":
      return invoke(store, req, res, { region, name, qualifier: url.searchParams.get("Qualifier") ?? qualifier, payload: body });
  }
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

export function aliasJson(region: string, fn: SandboxFunction, alias: SandboxAlias) {
  const current = alias.history.at(-1);
  if (!current) throw aliasNotFound(region, fn.name, alias.name);
  return {
    AliasArn: functionArn(region, fn.name, alias.name),
    Name: alias.name,
    FunctionVersion: current.functionVersion,
    Description: alias.description,
    RevisionId: alias.revisionId,
    ...(Object.keys(current.weights).length > 0 ? { RoutingConfig: { AdditionalVersionWeights: current.weights } } : {}),
  };
}

export function configJson(region: string, fn: SandboxFunction, version: string) {
  const v = version === "$LATEST" ? { ...fn.latest, version: "$LATEST" } : fn.versions.find((x) => x.version === version);
  if (!v) throw notFound(region, fn.name, version);
  return {
    FunctionName: fn.name,
    FunctionArn: functionArn(region, fn.name, version),
    Runtime: fn.runtime,
    Role: `arn:aws:iam::000000000000:role/${fn.name}-role`,
    Handler: fn.handler,
    CodeSize: 1024,
    Description: v.description,
    Timeout: 30,
    MemorySize: 256,
    LastModified: v.lastModified,
    CodeSha256: v.codeSha256,
    Version: version,
    RevisionId: v.revisionId,
    State: "Active",
    LastUpdateStatus: "Successful",
    PackageType: "Zip",
    Architectures: ["x86_64"],
  };
}

function listVersions(region: string, fn: SandboxFunction, params: URLSearchParams) {
  const maxRaw = params.get("MaxItems");
  const max = maxRaw === null ? 50 : Number(maxRaw);
  if (!Number.isInteger(max) || max < 1 || max > 10_000) {
    throw new AwsApiError(400, "InvalidParameterValueException", "MaxItems must be between 1 and 10000");
  }
  const marker = params.get("Marker");
  let offset = 0;
  if (marker) {
    const decoded = /^v1:(\d+)$/.exec(Buffer.from(marker, "base64url").toString());
    if (!decoded) throw new AwsApiError(400, "InvalidParameterValueException", "Invalid Marker");
    offset = Number(decoded[1]);
  }
  // Lambda lists $LATEST first, then published versions in ascending order.
  const all = ["$LATEST", ...fn.versions.map((v) => v.version)];
  const page = all.slice(offset, offset + max);
  const next = offset + max < all.length ? Buffer.from(`v1:${offset + max}`).toString("base64url") : undefined;
  return { Versions: page.map((v) => configJson(region, fn, v)), ...(next ? { NextMarker: next } : {}) };
}
