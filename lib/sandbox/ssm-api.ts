// SSM Parameter Store over AWS JSON 1.1 (POST /, x-amz-target: AmazonSSM.<Operation>): the calls
// Changegate's flag service makes. Shapes follow @aws-sdk/client-ssm's schemas: timestamps are epoch
// seconds; errors are 400 (500 for InternalServerError) with { __type, message }.
import type { IncomingMessage, ServerResponse } from "node:http";
import { AwsApiError, parseJson, readBody, regionOf, requestId, sendJson } from "./http";
import {
  checkMaxResults,
  checkName,
  decodeToken,
  encodeToken,
  latest,
  parameterArn,
  pathPrefix,
  userArn,
  validation,
} from "./ssm-rules";
import type { SandboxStore } from "./store";
import type { SsmParameter, SsmParameterVersion } from "./types";

export const SSM_TARGET = "AmazonSSM.";
const JSON_11 = "application/x-amz-json-1.1";

type Body = Record<string, unknown>;
type Op = (store: SandboxStore, body: Body, ctx: { region: string; user: string }) => unknown;

const seconds = (ms: number) => ms / 1000;

function parameterOut(region: string, p: SsmParameter, v: SsmParameterVersion, selector?: string) {
  return {
    Name: p.name,
    Type: v.type,
    Value: v.value,
    Version: v.version,
    ...(selector ? { Selector: selector } : {}),
    LastModifiedDate: seconds(v.lastModified),
    ARN: parameterArn(region, p.name),
    DataType: "text",
  };
}

/** "name" or "name:3" (a version selector). Labels are not modelled: a label selector finds nothing. */
function resolve(store: SandboxStore, region: string, raw: unknown) {
  if (typeof raw !== "string") throw validation("1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
  const m = /^(.*):([^:/]+)$/.exec(raw);
  const name = checkName(m ? m[1] : raw);
  const p = store.ssm.get(name);
  if (!m) return parameterOut(region, p, latest(p));
  const v = /^\d+$/.test(m[2]!) ? p.versions.find((x) => x.version === Number(m[2])) : undefined;
  if (!v) throw new AwsApiError(400, "ParameterVersionNotFound", `Systems Manager could not find version ${m[2]} of ${name}. Verify the version and try again.`);
  return parameterOut(region, p, v, `:${m[2]}`);
}

function page<T>(items: T[], body: Body, max: number, field = "maxResults") {
  const size = checkMaxResults(body.MaxResults, max, field);
  const from = decodeToken(body.NextToken);
  const slice = items.slice(from, from + size);
  return { slice, next: from + size < items.length ? encodeToken(from + size) : undefined };
}

const operations: Record<string, Op> = {
  GetParameter: (store, body, { region }) => ({ Parameter: resolve(store, region, body.Name) }),

  GetParameters: (store, body, { region }) => {
    const names = body.Names;
    if (!Array.isArray(names) || names.length < 1 || names.length > 10) {
      throw validation("1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length less than or equal to 10 and greater than or equal to 1");
    }
    const Parameters: unknown[] = [];
    const InvalidParameters: string[] = [];
    for (const n of names) {
      try {
        Parameters.push(resolve(store, region, n));
      } catch (e) {
        if (!(e instanceof AwsApiError)) throw e;
        InvalidParameters.push(String(n));
      }
    }
    return { Parameters, InvalidParameters };
  },

  GetParametersByPath: (store, body, { region }) => {
    const prefix = pathPrefix(body.Path);
    const recursive = body.Recursive === true;
    const matching = store.ssm.list().filter((p) => p.name.startsWith(prefix) && (recursive || !p.name.slice(prefix.length).includes("/")));
    const { slice, next } = page(matching, body, 10);
    return { Parameters: slice.map((p) => parameterOut(region, p, latest(p))), ...(next ? { NextToken: next } : {}) };
  },

  GetParameterHistory: (store, body) => {
    const p = store.ssm.get(checkName(body.Name));
    const { slice, next } = page(p.versions, body, 50);
    return {
      Parameters: slice.map((v) => ({
        Name: p.name,
        Type: v.type,
        LastModifiedDate: seconds(v.lastModified),
        LastModifiedUser: v.lastModifiedUser,
        Description: v.description || undefined,
        Value: v.value,
        Version: v.version,
        Labels: [],
        Tier: v.tier,
        Policies: [],
        DataType: "text",
      })),
      ...(next ? { NextToken: next } : {}),
    };
  },

  PutParameter: (store, body, { user }) => {
    const v = store.ssm.put(
      { name: body.Name, value: body.Value, type: body.Type, description: body.Description, overwrite: body.Overwrite === true, tier: body.Tier },
      user,
      "api",
    );
    return { Version: v.version, Tier: v.tier };
  },

  DeleteParameter: (store, body) => {
    store.ssm.delete(checkName(body.Name));
    return {};
  },
};

/** The caller as an IAM user ARN named after its access key (the sandbox does not check signatures). */
function callerOf(req: IncomingMessage): string {
  const m = /Credential=([^/,\s]+)\//.exec(req.headers.authorization ?? "");
  return userArn(m?.[1] ?? "anonymous");
}

export async function handleSsm(store: SandboxStore, req: IncomingMessage, res: ServerResponse, operation: string): Promise<void> {
  let parameterName: string | undefined;
  try {
    const body = parseJson(await readBody(req), () => new AwsApiError(400, "SerializationException", "Could not parse request body")) as Body;
    parameterName = typeof body.Name === "string" ? body.Name : typeof body.Path === "string" ? body.Path : undefined;
    const op = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
    if (!op) throw new AwsApiError(400, "UnknownOperationException", `The sandbox does not implement SSM ${operation}`);
    const ctx = { region: regionOf(req), user: callerOf(req) };
    const fault = store.takeControlFault(operation, undefined, parameterName);
    if (fault?.kind === "SERVER_ERROR_AFTER_COMMIT") {
      // The write happens; only the answer is lost.
      op(store, body, ctx);
      throw faultError("SERVER_ERROR");
    }
    if (fault) throw faultError(fault.kind);
    const out = op(store, body, ctx);
    sendJson(res, 200, out, { "x-amzn-requestid": requestId() }, JSON_11);
    store.record({ service: "ssm", operation, parameterName, status: 200 });
  } catch (e) {
    const err = e instanceof AwsApiError ? e : new AwsApiError(500, "InternalServerError", "The sandbox hit an unexpected error");
    if (!(e instanceof AwsApiError)) console.error("[sandbox] unexpected SSM error", e);
    store.record({ service: "ssm", operation, parameterName, status: err.status, errorType: err.type });
    // SSM's error shapes name the text `message` (most) or `Message` (ValidationException): send both.
    sendJson(res, err.status, { __type: err.type, message: err.message, Message: err.message }, { "x-amzn-requestid": requestId() }, JSON_11);
  }
}

function faultError(kind: "THROTTLE" | "SERVER_ERROR" | "SERVER_ERROR_AFTER_COMMIT"): AwsApiError {
  return kind === "THROTTLE"
    ? new AwsApiError(400, "ThrottlingException", "Rate exceeded")
    : new AwsApiError(500, "InternalServerError", "Internal server error (injected by the sandbox)");
}
