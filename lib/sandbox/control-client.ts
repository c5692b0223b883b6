// A typed client for the sandbox control API (fetch only, so it runs in Node, Next and tests).
// The orchestrator uses clock() to wait on the same simulated time the metrics are produced on.
import type {
  ClockInput,
  ControlFaultInput,
  CreateFunctionInput,
  FaultInput,
  NewVersionInput,
  PutAliasInput,
  PutParameterControlInput,
  SandboxCallView,
  SandboxClockView,
  SandboxControlFaultView,
  SandboxFaultView,
  SandboxFunctionView,
  SandboxParameterVersionView,
  SandboxParameterView,
  SandboxParameterWriteView,
  SandboxStateView,
} from "./control-contract";
import { EcsControlClient } from "./ecs-control-client";

export type * from "./control-contract";
export type * from "./ecs-control-client";

export class SandboxControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type?: string,
  ) {
    super(message);
    this.name = "SandboxControlError";
  }
}

export class SandboxControlClient {
  private readonly base: string;
  /** ECS services, revisions, task faults and hand updates (ecs-control-client.ts). */
  readonly ecs: EcsControlClient;

  constructor(
    url: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.base = `${url.replace(/\/+$/, "")}/_sandbox`;
    this.ecs = new EcsControlClient((method, path, body) => this.call(method, path, body));
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.fetchImpl(`${this.base}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? (JSON.parse(text) as unknown) : {};
    if (!res.ok) {
      const err = json as { error?: string; type?: string };
      throw new SandboxControlError(res.status, err.error ?? `Sandbox ${method} ${path} failed with ${res.status}`, err.type);
    }
    return json as T;
  }

  health(): Promise<{ ok: true }> {
    return this.call("GET", "/health");
  }
  state(): Promise<SandboxStateView> {
    return this.call("GET", "/state");
  }
  reset(opts: { seedDemo?: boolean } = {}): Promise<SandboxStateView> {
    return this.call("POST", "/reset", opts);
  }

  clock(): Promise<SandboxClockView> {
    return this.call("GET", "/clock");
  }
  /** Simulated now as a Date. */
  async now(): Promise<Date> {
    return new Date((await this.clock()).nowMs);
  }
  /**
   * Real milliseconds until the simulated clock reaches `simMs` at the current scale (0 if already
   * there, Infinity while the clock is frozen): what to hand a job queue's "start after".
   */
  async realMsUntil(simMs: number): Promise<number> {
    const c = await this.clock();
    if (c.nowMs >= simMs) return 0;
    return c.scale === 0 ? Infinity : Math.ceil((simMs - c.nowMs) / c.scale);
  }
  setClock(input: ClockInput): Promise<SandboxClockView> {
    return this.call("POST", "/clock", input);
  }
  setTimeScale(scale: number): Promise<SandboxClockView> {
    return this.setClock({ scale });
  }
  advance(seconds: number): Promise<SandboxClockView> {
    return this.setClock({ advanceSeconds: seconds });
  }

  createFunction(input: CreateFunctionInput): Promise<SandboxFunctionView> {
    return this.call("POST", "/functions", input);
  }
  deleteFunction(name: string): Promise<{ deleted: string }> {
    return this.call("DELETE", `/functions/${enc(name)}`);
  }
  /** New code in $LATEST, published as a version unless publish: false. */
  newVersion(fn: string, input: NewVersionInput = {}): Promise<{ version: string | null; function: SandboxFunctionView }> {
    return this.call("POST", `/functions/${enc(fn)}/versions`, input);
  }
  /** Creates or changes an alias out of band (no RevisionId check), or sets its request rate. */
  putAlias(fn: string, alias: string, input: PutAliasInput): Promise<SandboxFunctionView> {
    return this.call("PUT", `/functions/${enc(fn)}/aliases/${enc(alias)}`, input);
  }

  injectFault(fn: string, version: string, fault: FaultInput): Promise<{ faults: SandboxFaultView[] }> {
    return this.call("PUT", `/functions/${enc(fn)}/versions/${enc(version)}/fault`, fault);
  }
  clearFault(fn: string, version: string): Promise<{ cleared: number }> {
    return this.call("DELETE", `/functions/${enc(fn)}/versions/${enc(version)}/fault`);
  }
  faults(): Promise<{ faults: SandboxFaultView[]; controlFaults: SandboxControlFaultView[] }> {
    return this.call("GET", "/faults");
  }
  /** Clears every version fault and every pending control-plane fault. */
  clearAllFaults(): Promise<{ cleared: number }> {
    return this.call("DELETE", "/faults");
  }
  /** Fails the next `count` calls of an operation (default UpdateAlias) with 429 or 500. */
  injectControlFault(input: ControlFaultInput): Promise<SandboxControlFaultView> {
    return this.call("POST", "/control-faults", input);
  }
  clearControlFaults(): Promise<{ cleared: true }> {
    return this.call("DELETE", "/control-faults");
  }

  /** SSM parameters (current version of each), optionally under a path such as "/features". */
  parameters(path?: string): Promise<SandboxParameterView[]> {
    const q = path ? `?path=${enc(path)}` : "";
    return this.call<{ parameters: SandboxParameterView[] }>("GET", `/parameters${q}`).then((r) => r.parameters);
  }
  parameterHistory(name: string): Promise<SandboxParameterVersionView[]> {
    return this.call<{ versions: SandboxParameterVersionView[] }>("GET", `/parameters/history?name=${enc(name)}`).then((r) => r.versions);
  }
  /** Edits (or creates) a parameter by hand, outside Changegate: no version check, the version moves. */
  putParameter(input: PutParameterControlInput): Promise<SandboxParameterView> {
    return this.call("PUT", "/parameters", input);
  }
  deleteParameter(name: string): Promise<{ deleted: string }> {
    return this.call("DELETE", `/parameters?name=${enc(name)}`);
  }
  /** The SSM write journal (API and hand writes), after a sequence number. */
  parameterWrites(afterSeq = 0): Promise<SandboxParameterWriteView[]> {
    return this.call<{ writes: SandboxParameterWriteView[] }>("GET", `/parameter-writes?afterSeq=${afterSeq}`).then((r) => r.writes);
  }

  calls(filter: { operation?: string; functionName?: string; parameterName?: string; limit?: number } = {}): Promise<SandboxCallView[]> {
    const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
    return this.call<{ calls: SandboxCallView[] }>("GET", `/calls${q.size ? `?${q}` : ""}`).then((r) => r.calls);
  }
  clearCalls(): Promise<{ cleared: true }> {
    return this.call("DELETE", "/calls");
  }
}

function enc(s: string): string {
  return encodeURIComponent(s);
}
