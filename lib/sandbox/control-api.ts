// The control API under /_sandbox/…: what the tests, the demo panel and the orchestrator use to
// inspect the sandbox, move its clock and inject faults. Plain JSON; errors are { error }.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import {
  clockSchema,
  controlFaultSchema,
  createFunctionSchema,
  faultSchema,
  newVersionSchema,
  putAliasSchema,
  resetSchema,
  type SandboxCallView,
  type SandboxClockView,
  type SandboxStateView,
} from "./control-contract";
import { seedDemo } from "./demo-seed";
import { ecsControlRoutes } from "./ecs-control";
import { AwsApiError, ControlError, parseJson, readBody, sendJson } from "./http";
import { hookOf } from "./lambda-invoke";
import { provisionFunction } from "./provision";
import { parameterView, ssmControlRoutes, type ControlHandler } from "./ssm-control";
import type { SandboxStore } from "./store";
import type { SandboxFunction } from "./types";

type Handler = ControlHandler;

const routes: [string, RegExp, Handler][] = [
  ["GET", /^\/health$/, () => ({ ok: true })],
  ["GET", /^\/state$/, ({ store }) => stateView(store)],
  ["POST", /^\/reset$/, ({ store, body }) => {
    const input = parse(resetSchema, body());
    store.change(() => {
      store.reset();
      if (input.seedDemo) seedDemo(store);
    });
    return stateView(store);
  }],
  ["GET", /^\/clock$/, ({ store }) => clockView(store)],
  ["POST", /^\/clock$/, ({ store, body }) => {
    const input = parse(clockSchema, body());
    store.change(() => {
      if (input.scale !== undefined) store.clock.setScale(input.scale);
      if (input.advanceSeconds !== undefined) store.clock.advance(input.advanceSeconds);
    });
    return clockView(store);
  }],
  ["POST", /^\/functions$/, ({ store, body }) => {
    const input = parse(createFunctionSchema, body());
    return functionView(store, provisionFunction(store, input));
  }],
  ["DELETE", /^\/functions\/([^/]+)$/, ({ store, params }) => {
    store.deleteFunction(params[0]!);
    return { deleted: params[0] };
  }],
  ["POST", /^\/functions\/([^/]+)\/versions$/, ({ store, params, body }) => {
    const input = parse(newVersionSchema, body());
    const name = params[0]!;
    const behavior = { ...(input.medianLatencyMs !== undefined && { medianLatencyMs: input.medianLatencyMs }), ...(input.errorRate !== undefined && { errorRate: input.errorRate }) };
    const version = store.change(() => {
      store.updateCode(name, { description: input.description, behavior });
      return input.publish ? store.publishVersion("us-east-1", name, {}).version : null;
    });
    return { version, function: functionView(store, store.fn("us-east-1", name)) };
  }],
  ["PUT", /^\/functions\/([^/]+)\/aliases\/([^/]+)$/, ({ store, params, body }) => {
    const input = parse(putAliasSchema, body());
    const [name, alias] = [params[0]!, params[1]!];
    // An out-of-band change, like a colleague running `aws lambda update-alias`: no RevisionId check.
    if (store.fn("us-east-1", name).aliases[alias]) store.updateAlias("us-east-1", name, alias, input, "control");
    else {
      if (!input.functionVersion) throw new ControlError(400, "functionVersion is required to create an alias");
      store.createAlias("us-east-1", name, { alias, functionVersion: input.functionVersion, ...input });
    }
    return functionView(store, store.fn("us-east-1", name));
  }],
  ["PUT", /^\/functions\/([^/]+)\/versions\/([^/]+)\/fault$/, ({ store, params, body }) => {
    const fault = parse(faultSchema, body());
    store.setFault(params[0]!, params[1]!, fault);
    return { faults: stateView(store).faults };
  }],
  ["DELETE", /^\/functions\/([^/]+)\/versions\/([^/]+)\/fault$/, ({ store, params }) => {
    const cleared = store.clearFaults((r) => r.functionName === params[0] && r.version === params[1]);
    return { cleared };
  }],
  ["GET", /^\/faults$/, ({ store }) => {
    const s = stateView(store);
    return { faults: s.faults, controlFaults: s.controlFaults };
  }],
  ["DELETE", /^\/faults$/, ({ store }) => {
    const cleared = store.change(() => {
      const n = store.clearFaults();
      store.clearControlFaults();
      return n;
    });
    return { cleared };
  }],
  ["POST", /^\/control-faults$/, ({ store, body }) => {
    const { count, ...rest } = parse(controlFaultSchema, body());
    return store.addControlFault({ ...rest, remaining: count });
  }],
  ["DELETE", /^\/control-faults$/, ({ store }) => {
    store.clearControlFaults();
    return { cleared: true };
  }],
  ["GET", /^\/calls$/, ({ store, query }) => {
    const op = query.get("operation");
    const fn = query.get("functionName");
    const param = query.get("parameterName");
    const calls = store.calls.filter((c) => (!op || c.operation === op) && (!fn || c.functionName === fn) && (!param || c.parameterName === param));
    const limit = Number(query.get("limit") ?? 200);
    return { calls: calls.slice(-Math.max(1, Math.min(1000, limit))).map(callView) };
  }],
  ["DELETE", /^\/calls$/, ({ store }) => {
    store.calls.length = 0;
    return { cleared: true };
  }],
  ...ssmControlRoutes(parse),
  ...ecsControlRoutes(parse),
];

export async function handleControl(store: SandboxStore, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.slice("/_sandbox".length) || "/";
  try {
    const raw = await readBody(req);
    for (const [method, re, handler] of routes) {
      const m = re.exec(path);
      if (!m || req.method !== method) continue;
      const params = m.slice(1).map(decodeURIComponent);
      const body = () => parseJson(raw, () => new ControlError(400, "Request body is not valid JSON"));
      return sendJson(res, 200, handler({ store, params, body, query: url.searchParams }));
    }
    throw new ControlError(404, `No control route ${req.method} ${url.pathname}`);
  } catch (e) {
    if (e instanceof ControlError) return sendJson(res, e.status, { error: e.message });
    // Lambda-rule violations from the store keep their AWS type so callers can tell them apart.
    if (e instanceof AwsApiError) return sendJson(res, e.status, { error: e.message, type: e.type });
    if (e instanceof RangeError) return sendJson(res, 400, { error: e.message });
    throw e;
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new ControlError(400, issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "Invalid request");
}

export function clockView(store: SandboxStore): SandboxClockView {
  const nowMs = store.now();
  return { now: new Date(nowMs).toISOString(), nowMs, scale: store.clock.scale };
}

function functionView(store: SandboxStore, fn: SandboxFunction) {
  const hook = hookOf(fn.name);
  return {
    name: fn.name,
    description: fn.description,
    hookFor: hook && store.state.functions[hook.target] ? { functionName: hook.target, phase: hook.phase } : null,
    unpublishedChanges: fn.versions.at(-1)?.codeSha256 !== fn.latest.codeSha256,
    versions: fn.versions.map((v) => ({
      version: v.version,
      description: v.description,
      lastModified: v.lastModified,
      codeSha256: v.codeSha256,
      ...v.behavior,
    })),
    aliases: Object.values(fn.aliases).map((a) => {
      const cur = a.history.at(-1)!;
      return { name: a.name, functionVersion: cur.functionVersion, weights: cur.weights, revisionId: a.revisionId, requestRate: cur.requestRate, description: a.description };
    }),
  };
}

export function stateView(store: SandboxStore): SandboxStateView {
  return {
    clock: clockView(store),
    functions: Object.values(store.state.functions).map((f) => functionView(store, f)),
    faults: store.activeFaults().map((r) => ({ functionName: r.functionName, version: r.version, ...r.fault, since: new Date(r.from).toISOString() })),
    controlFaults: store.state.controlFaults.map((c) => ({ ...c })),
    parameters: store.ssm.list().map(parameterView),
  };
}

function callView(c: SandboxStore["calls"][number]): SandboxCallView {
  return { ...c, at: new Date(c.at).toISOString(), simAt: new Date(c.simAt).toISOString() };
}
