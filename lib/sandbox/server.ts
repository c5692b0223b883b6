// The sandbox's HTTP server, on loopback only: Lambda REST-JSON on /2015-03-31/…, CloudWatch
// AWS-JSON-1.0 and SSM / ECS AWS-JSON-1.1 on POST / (by x-amz-target), the control API on /_sandbox/…. It does not check
// signatures, so clients use static dummy credentials.
import { createServer, ServerResponse, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { ALARM_OPERATIONS, handleAlarmOperation } from "./alarm-api";
import { handleControl } from "./control-api";
import { ECS_TARGET, handleEcs } from "./ecs-api";
import { SandboxControlClient } from "./control-client";
import { seedDemo } from "./demo-seed";
import { AwsApiError, parseJson, readBody, regionOf, requestId, sendJson } from "./http";
import { handleLambda, identifyLambdaCall } from "./lambda-api";
import { getMetricData, type GetMetricDataInput } from "./metric-query";
import { handleSsm, SSM_TARGET } from "./ssm-api";
import { SandboxStore } from "./store";
import type { ControlFaultKind } from "./types";

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Simulated seconds per real second (default 1; 0 freezes the clock). */
  timeScale?: number;
  /** Persist functions, aliases, faults and the clock here; reloaded on the next start. */
  stateFile?: string;
  /** Create the demo functions when the state is new (ignored when a state file was loaded). */
  seedDemo?: boolean;
  /** Seed of the generated metrics (default 1). */
  seed?: number;
  /** Simulated time to start at (default: now). With a fixed seed, fixes every generated number. */
  startTime?: Date;
}

export interface SandboxHandle {
  /** e.g. http://127.0.0.1:41234 — the endpoint for both SDK clients. */
  url: string;
  port: number;
  store: SandboxStore;
  control: SandboxControlClient;
  close(): Promise<void>;
}

const CW_TARGET = "GraniteServiceVersion20100801.";

export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  const { store, loaded } = SandboxStore.open({
    stateFile: opts.stateFile,
    seed: opts.seed,
    timeScale: opts.timeScale,
    startMs: opts.startTime?.getTime(),
  });
  if (!loaded && opts.seedDemo) seedDemo(store);
  if (!loaded) store.save();

  const server = createServer((req, res) => {
    route(store, req, res).catch((e: unknown) => {
      console.error("[sandbox] unhandled error", e);
      if (!res.headersSent) sendJson(res, 500, { error: "sandbox internal error" });
      else res.destroy();
    });
  });
  // Hook invocations and long polls are short; idle keep-alive sockets must not hold close() open.
  server.keepAliveTimeout = 2_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    store,
    control: new SandboxControlClient(url),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function route(store: SandboxStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://sandbox.local");
  if (url.pathname.startsWith("/_sandbox")) return handleControl(store, req, res, url);

  if (url.pathname.startsWith("/2015-03-31/functions/")) {
    const call = identifyLambdaCall(req.method ?? "GET", url.pathname);
    try {
      const fault = store.takeControlFault(call.operation, call.functionName);
      if (fault?.kind === "SERVER_ERROR_AFTER_COMMIT") {
        // The change happens; only the answer is lost (written to a response nobody reads).
        await handleLambda(store, req, new ServerResponse(req), url, call);
        throw controlFaultError("SERVER_ERROR");
      }
      if (fault) throw controlFaultError(fault.kind);
      await handleLambda(store, req, res, url, call);
      store.record({ service: "lambda", operation: call.operation, functionName: call.functionName, status: res.statusCode });
    } catch (e) {
      const err = asAwsError(e);
      store.record({ service: "lambda", operation: call.operation, functionName: call.functionName, status: err.status, errorType: err.type });
      sendJson(res, err.status, { Type: err.status >= 500 ? "Service" : "User", Message: err.message, message: err.message, ...err.extra }, {
        "x-amzn-errortype": err.type,
        "x-amzn-requestid": requestId(),
      });
    }
    return;
  }

  const target = String(req.headers["x-amz-target"] ?? "");
  if (req.method === "POST" && url.pathname === "/" && target.startsWith(SSM_TARGET)) {
    return handleSsm(store, req, res, target.slice(SSM_TARGET.length));
  }
  if (req.method === "POST" && url.pathname === "/" && target.startsWith(ECS_TARGET)) {
    return handleEcs(store, req, res, target.slice(ECS_TARGET.length));
  }
  if (req.method === "POST" && url.pathname === "/" && target.startsWith(CW_TARGET)) {
    const operation = target.slice(CW_TARGET.length);
    const json = "application/x-amz-json-1.0";
    try {
      const fault = store.takeControlFault(operation);
      if (fault) throw controlFaultError(fault.kind, true);
      if (operation !== "GetMetricData" && !ALARM_OPERATIONS.has(operation)) throw new AwsApiError(400, "UnknownOperationException", `The sandbox does not implement CloudWatch ${operation}`);
      const body = parseJson(await readBody(req), () => new AwsApiError(400, "SerializationException", "Could not parse request body"));
      const out = operation === "GetMetricData" ? getMetricData(store, body as GetMetricDataInput) : handleAlarmOperation(store, operation, body, regionOf(req));
      sendJson(res, 200, out, { "x-amzn-requestid": requestId() }, json);
      store.record({ service: "cloudwatch", operation, status: 200 });
    } catch (e) {
      const err = asAwsError(e);
      store.record({ service: "cloudwatch", operation, status: err.status, errorType: err.type });
      sendJson(res, err.status, { __type: err.type, message: err.message }, { "x-amzn-requestid": requestId() }, json);
    }
    return;
  }
  sendJson(res, 404, { __type: "UnknownOperationException", message: `No sandbox route for ${req.method} ${url.pathname}` }, {
    "x-amzn-errortype": "UnknownOperationException",
  });
}

function controlFaultError(kind: ControlFaultKind, cloudwatch = false): AwsApiError {
  if (kind === "THROTTLE") {
    return cloudwatch
      ? new AwsApiError(400, "Throttling", "Rate exceeded")
      : new AwsApiError(429, "TooManyRequestsException", "Rate exceeded", { Reason: "CallerRateLimitExceeded" });
  }
  return cloudwatch
    ? new AwsApiError(500, "InternalServiceError", "Internal service error (injected by the sandbox)")
    : new AwsApiError(500, "ServiceException", "Lambda was unable to complete the request (injected by the sandbox)");
}

function asAwsError(e: unknown): AwsApiError {
  if (e instanceof AwsApiError) return e;
  console.error("[sandbox] unexpected error", e);
  return new AwsApiError(500, "ServiceException", "The sandbox hit an unexpected error");
}
