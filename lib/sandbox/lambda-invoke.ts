// Invoke, for the pre-traffic and post-traffic hook functions (<fn>-pre-traffic, <fn>-post-traffic)
// and plain functions. A hook fails when a hookFailure fault is set on the hook itself, or on the
// version it is asked to validate (payload.targetVersion / payload.version). Function errors come
// back as Lambda returns them: HTTP 200 with X-Amz-Function-Error, not as an HTTP error.
import type { IncomingMessage, ServerResponse } from "node:http";
import { AwsApiError, sendRaw } from "./http";
import { notFound } from "./lambda-rules";
import { uniform } from "./random";
import type { SandboxStore } from "./store";
import type { HookPhase, SandboxFunction, VersionFault } from "./types";

let invocationCounter = 0;

export function hookOf(name: string): { target: string; phase: HookPhase } | undefined {
  const m = /^(.+)-(pre|post)-traffic$/.exec(name);
  return m?.[1] ? { target: m[1], phase: m[2] === "pre" ? "PRE_TRAFFIC" : "POST_TRAFFIC" } : undefined;
}

export function invoke(
  store: SandboxStore,
  req: IncomingMessage,
  res: ServerResponse,
  call: { region: string; name: string; qualifier?: string | null; payload: Buffer },
): void {
  const fn = store.fn(call.region, call.name);
  const n = ++invocationCounter;
  const version = resolveVersion(store, fn, call.region, call.qualifier ?? undefined, n);
  const type = String(req.headers["x-amz-invocation-type"] ?? "RequestResponse");
  if (type === "DryRun") return sendRaw(res, 204, Buffer.alloc(0), { "x-amz-executed-version": version });
  const now = store.now();
  const fault = store.faultAt(fn.name, version, now);
  if (fault?.throttleRate && uniform(store.state.seed, fn.name, "throttle", n) < fault.throttleRate) {
    throw new AwsApiError(429, "TooManyRequestsException", "Rate Exceeded.", { Reason: "ReservedFunctionConcurrentInvocationLimitExceeded" });
  }
  if (type === "Event") return sendRaw(res, 202, Buffer.alloc(0), {});

  const payload = parsePayload(call.payload);
  const hook = hookOf(fn.name);
  let failure: { type: string; message: string } | undefined;
  let result: unknown;
  if (hook) {
    const targetName = typeof payload.functionName === "string" ? payload.functionName : hook.target;
    const target = String(payload.targetVersion ?? payload.version ?? "");
    const onTarget = target ? store.faultAt(targetName, target, now) : undefined;
    if (matches(fault, hook.phase) || matches(onTarget, hook.phase)) {
      failure = {
        type: "HookValidationFailed",
        message: `${hook.phase === "PRE_TRAFFIC" ? "Pre" : "Post"}-traffic validation of ${targetName}${target ? ` version ${target}` : ""} failed (injected fault)`,
      };
    } else {
      result = { status: "Succeeded", hook: hook.phase, functionName: targetName, ...(target ? { version: target } : {}) };
    }
  } else {
    const behavior = fn.versions.find((v) => v.version === version)?.behavior ?? fn.latest.behavior;
    if (uniform(store.state.seed, fn.name, "error", n) < behavior.errorRate + (fault?.errorRate ?? 0)) {
      failure = { type: "Error", message: `Injected failure in ${fn.name}:${version}` };
    } else {
      result = { statusCode: 200, body: JSON.stringify({ ok: true, version }) };
    }
  }

  const headers: Record<string, string> = { "content-type": "application/json", "x-amz-executed-version": version };
  if (failure) headers["x-amz-function-error"] = "Unhandled";
  if (String(req.headers["x-amz-log-type"] ?? "") === "Tail") {
    const id = crypto.randomUUID();
    const log = `START RequestId: ${id} Version: ${version}\n${failure ? `ERROR ${failure.message}\n` : ""}END RequestId: ${id}\nREPORT RequestId: ${id}\tDuration: 12.34 ms\n`;
    headers["x-amz-log-result"] = Buffer.from(log).toString("base64");
  }
  const body = failure ? { errorType: failure.type, errorMessage: failure.message, trace: [] } : result;
  sendRaw(res, 200, Buffer.from(JSON.stringify(body)), headers);
}

function matches(fault: VersionFault | undefined, phase: HookPhase): boolean {
  return fault?.hookFailure === phase || fault?.hookFailure === "BOTH";
}

function resolveVersion(store: SandboxStore, fn: SandboxFunction, region: string, qualifier: string | undefined, n: number): string {
  if (!qualifier || qualifier === "$LATEST") return "$LATEST";
  const alias = fn.aliases[qualifier];
  if (alias) {
    const current = alias.history.at(-1)!;
    // Weighted pick, as the alias would route this one request.
    let u = uniform(store.state.seed, fn.name, "route", n);
    for (const [v, w] of Object.entries(current.weights)) {
      if (u < w) return v;
      u -= w;
    }
    return current.functionVersion;
  }
  if (fn.versions.some((v) => v.version === qualifier)) return qualifier;
  throw notFound(region, fn.name, qualifier);
}

function parsePayload(buf: Buffer): Record<string, unknown> {
  if (buf.length === 0) return {};
  try {
    const v = JSON.parse(buf.toString("utf8")) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    throw new AwsApiError(400, "InvalidRequestContentException", "Could not parse request body into json: the payload must be JSON");
  }
}
