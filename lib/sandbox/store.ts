// The sandbox's state and every change to it. Both the AWS handlers and the control API go through
// here, so Lambda's rules hold whichever door a change comes in by, and each change is persisted.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { SimClock } from "./clock";
import { AwsApiError } from "./http";
import { aliasNotFound, checkAliasTarget, codeSha, lambdaTimestamp, notFound, revisionId } from "./lambda-rules";
import { SsmStore } from "./ssm-store";
import type {
  AliasSnapshot,
  CallRecord,
  ControlFault,
  FaultRecord,
  SandboxAlias,
  SandboxFunction,
  SandboxState,
  SandboxVersion,
  VersionBehavior,
  VersionFault,
} from "./types";

export const DEFAULT_BEHAVIOR: VersionBehavior = { medianLatencyMs: 80, errorRate: 0 };
/** Older alias snapshots are dropped; minutes before the oldest one read as that snapshot. */
const MAX_HISTORY = 300;
const MAX_CALLS = 1000;
const MAX_ENDED_FAULTS = 500;
const MAX_ALIAS_WRITES = 10_000;

export interface NewFunction {
  name: string;
  description?: string;
  runtime?: string;
  behavior?: Partial<VersionBehavior>;
}

/** One write to an alias, through the Lambda API (what a client such as the portal did) or the control API (a hand change). */
export interface AliasWrite {
  seq: number;
  at: number;
  functionName: string;
  alias: string;
  functionVersion: string;
  weights: Record<string, number>;
  via: "api" | "control";
}

export class SandboxStore {
  readonly calls: CallRecord[] = [];
  /**
   * Every alias write in order, unlike `history` (which keeps one snapshot per simulated instant):
   * the journal a test reads to attribute each write to whoever made it. Bounded; not persisted.
   */
  readonly aliasWrites: AliasWrite[] = [];
  /** SSM Parameter Store (state in `state.parameters`, its own write journal). */
  readonly ssm: SsmStore = new SsmStore(this);
  private writeSeq = 0;
  private depth = 0;

  constructor(
    public state: SandboxState,
    readonly clock: SimClock,
    private readonly stateFile?: string,
  ) {}

  static open(opts: { stateFile?: string; seed?: number; timeScale?: number; startMs?: number }): { store: SandboxStore; loaded: boolean } {
    if (opts.stateFile && existsSync(opts.stateFile)) {
      const state = JSON.parse(readFileSync(opts.stateFile, "utf8")) as SandboxState;
      if (state.formatVersion !== 1) throw new Error(`Unsupported sandbox state file format in ${opts.stateFile}`);
      // Files written before the sandbox spoke SSM have no parameters; same format otherwise.
      state.parameters ??= {};
      state.alarms ??= {};
      const clock = SimClock.restore(state.clock);
      if (opts.timeScale !== undefined) clock.setScale(opts.timeScale);
      return { store: new SandboxStore(state, clock, opts.stateFile), loaded: true };
    }
    const clock = new SimClock({ scale: opts.timeScale ?? 1, startMs: opts.startMs });
    return { store: new SandboxStore(emptyState(opts.seed ?? 1, clock), clock, opts.stateFile), loaded: false };
  }

  now(): number {
    return this.clock.now();
  }

  /** Writes the state file (atomically: a crash mid-write leaves the previous file). */
  save(): void {
    if (!this.stateFile) return;
    this.state.clock = this.clock.snapshot();
    const tmp = `${this.stateFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, this.stateFile);
  }

  /** Runs a change and persists it, even when the change throws halfway after mutating. */
  change<T>(fn: () => T): T {
    this.depth++;
    try {
      return fn();
    } finally {
      if (--this.depth === 0) this.save();
    }
  }

  reset(): void {
    this.change(() => {
      this.state = emptyState(this.state.seed, this.clock);
    });
  }

  record(call: Omit<CallRecord, "at" | "simAt">): void {
    this.calls.push({ at: Date.now(), simAt: this.now(), ...call });
    if (this.calls.length > MAX_CALLS) this.calls.splice(0, this.calls.length - MAX_CALLS);
  }

  fn(region: string, name: string): SandboxFunction {
    const f = this.state.functions[name];
    if (!f) throw notFound(region, name);
    return f;
  }

  alias(region: string, fnName: string, alias: string): { fn: SandboxFunction; alias: SandboxAlias; current: AliasSnapshot } {
    const fn = this.fn(region, fnName);
    const a = fn.aliases[alias];
    const current = a?.history[a.history.length - 1];
    if (!a || !current) throw aliasNotFound(region, fnName, alias);
    return { fn, alias: a, current };
  }

  createFunction(input: NewFunction): SandboxFunction {
    return this.change(() => {
      if (this.state.functions[input.name]) {
        throw new AwsApiError(409, "ResourceConflictException", `Function already exist: ${input.name}`);
      }
      const now = lambdaTimestamp();
      const f: SandboxFunction = {
        name: input.name,
        description: input.description ?? "",
        runtime: input.runtime ?? "nodejs20.x",
        handler: "index.handler",
        createdAt: now,
        latest: {
          codeSha256: codeSha(input.name),
          description: input.description ?? "",
          lastModified: now,
          revisionId: revisionId(),
          behavior: { ...DEFAULT_BEHAVIOR, ...input.behavior },
        },
        versions: [],
        nextVersion: 1,
        aliases: {},
      };
      this.state.functions[input.name] = f;
      return f;
    });
  }

  deleteFunction(name: string): void {
    this.change(() => {
      if (!this.state.functions[name]) throw notFound("us-east-1", name);
      delete this.state.functions[name];
      this.state.faults = this.state.faults.filter((f) => f.functionName !== name);
    });
  }

  /** New code in $LATEST: the next PublishVersion publishes it with this behavior. */
  updateCode(name: string, input: { description?: string; behavior?: Partial<VersionBehavior> }): SandboxFunction {
    return this.change(() => {
      const f = this.fn("us-east-1", name);
      f.latest = {
        codeSha256: codeSha(name),
        description: input.description ?? f.latest.description,
        lastModified: lambdaTimestamp(),
        revisionId: revisionId(),
        behavior: { ...f.latest.behavior, ...input.behavior },
      };
      return f;
    });
  }

  publishVersion(region: string, name: string, input: { codeSha256?: string; description?: string; revisionId?: string }): SandboxVersion {
    return this.change(() => {
      const f = this.fn(region, name);
      if (input.revisionId && input.revisionId !== f.latest.revisionId) {
        throw new AwsApiError(412, "PreconditionFailedException", "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/the GetAlias API to retrieve the latest Revision Id");
      }
      if (input.codeSha256 && input.codeSha256 !== f.latest.codeSha256) {
        throw new AwsApiError(400, "InvalidParameterValueException", `CodeSHA256 (${input.codeSha256}) is different from current CodeSHA256 in $LATEST (${f.latest.codeSha256}). Please try again with the CodeSHA256 in $LATEST.`);
      }
      // Like Lambda: publishing unchanged code returns the version that already holds it.
      const last = f.versions[f.versions.length - 1];
      if (last && last.codeSha256 === f.latest.codeSha256) return last;
      const v: SandboxVersion = {
        version: String(f.nextVersion++),
        codeSha256: f.latest.codeSha256,
        description: input.description ?? f.latest.description,
        lastModified: lambdaTimestamp(),
        revisionId: revisionId(),
        behavior: { ...f.latest.behavior },
      };
      f.versions.push(v);
      return v;
    });
  }

  createAlias(
    region: string,
    name: string,
    input: { alias: string; functionVersion: string; weights?: Record<string, unknown>; description?: string; requestRate?: number; since?: number },
  ): SandboxAlias {
    return this.change(() => {
      const f = this.fn(region, name);
      if (f.aliases[input.alias]) {
        throw new AwsApiError(409, "ResourceConflictException", `Alias already exists: ${input.alias}`);
      }
      const weights = checkAliasTarget(region, f, input.functionVersion, input.weights ?? {});
      const a: SandboxAlias = {
        name: input.alias,
        description: input.description ?? "",
        revisionId: revisionId(),
        history: [{ at: input.since ?? this.now(), functionVersion: input.functionVersion, weights, requestRate: input.requestRate ?? 0 }],
      };
      f.aliases[input.alias] = a;
      return a;
    });
  }

  /** UpdateAlias semantics: omitted fields keep their value; RevisionId, when given, must match. */
  updateAlias(
    region: string,
    name: string,
    aliasName: string,
    input: { functionVersion?: string; weights?: Record<string, unknown>; revisionId?: string; description?: string; requestRate?: number },
    via: AliasWrite["via"] = "api",
  ): SandboxAlias {
    return this.change(() => {
      const { fn, alias, current } = this.alias(region, name, aliasName);
      if (input.revisionId !== undefined && input.revisionId !== alias.revisionId) {
        throw new AwsApiError(412, "PreconditionFailedException", "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/the GetAlias API to retrieve the latest Revision Id");
      }
      const functionVersion = input.functionVersion ?? current.functionVersion;
      const weights = checkAliasTarget(region, fn, functionVersion, input.weights ?? current.weights);
      const next: AliasSnapshot = { at: this.now(), functionVersion, weights, requestRate: input.requestRate ?? current.requestRate };
      // Several changes within one simulated millisecond (frozen clock): the last one is what held.
      if (current.at === next.at) alias.history[alias.history.length - 1] = next;
      else alias.history.push(next);
      if (alias.history.length > MAX_HISTORY) alias.history.splice(0, alias.history.length - MAX_HISTORY);
      if (input.description !== undefined) alias.description = input.description;
      alias.revisionId = revisionId();
      if (input.functionVersion !== undefined || input.weights !== undefined) {
        this.aliasWrites.push({ seq: ++this.writeSeq, at: next.at, functionName: name, alias: aliasName, functionVersion, weights, via });
        if (this.aliasWrites.length > MAX_ALIAS_WRITES) this.aliasWrites.splice(0, this.aliasWrites.length - MAX_ALIAS_WRITES);
      }
      return alias;
    });
  }

  /** Replaces the version's active fault from now on; past minutes keep the fault they had. */
  setFault(fnName: string, version: string, fault: VersionFault): FaultRecord {
    return this.change(() => {
      const f = this.fn("us-east-1", fnName);
      if (version !== "$LATEST" && !f.versions.some((v) => v.version === version)) throw notFound("us-east-1", fnName, version);
      this.endFaults((r) => r.functionName === fnName && r.version === version);
      const rec: FaultRecord = { functionName: fnName, version, fault, from: this.now(), to: null };
      this.state.faults.push(rec);
      return rec;
    });
  }

  clearFaults(match: (r: FaultRecord) => boolean = () => true): number {
    return this.change(() => this.endFaults(match));
  }

  activeFaults(): FaultRecord[] {
    return this.state.faults.filter((r) => r.to === null);
  }

  faultAt(fnName: string, version: string, at: number): VersionFault | undefined {
    return this.state.faults.find((r) => r.functionName === fnName && r.version === version && r.from <= at && (r.to === null || at < r.to))?.fault;
  }

  addControlFault(f: Omit<ControlFault, "id">): ControlFault {
    return this.change(() => {
      const rec = { id: crypto.randomUUID(), ...f };
      this.state.controlFaults.push(rec);
      return rec;
    });
  }

  clearControlFaults(): void {
    this.change(() => {
      this.state.controlFaults = [];
    });
  }

  /** Consumes one pending control-plane fault for this call, if any. */
  takeControlFault(operation: string, functionName?: string, parameterName?: string): ControlFault | undefined {
    const f = this.state.controlFaults.find(
      (c) =>
        (c.operation === operation || c.operation === "*") &&
        (!c.functionName || c.functionName === functionName) &&
        (!c.parameterName || c.parameterName === parameterName) &&
        c.remaining > 0,
    );
    if (!f) return undefined;
    this.change(() => {
      f.remaining -= 1;
      this.state.controlFaults = this.state.controlFaults.filter((c) => c.remaining > 0);
    });
    return f;
  }

  private endFaults(match: (r: FaultRecord) => boolean): number {
    const now = this.now();
    let n = 0;
    const kept: FaultRecord[] = [];
    for (const r of this.state.faults) {
      if (r.to === null && match(r)) {
        n++;
        // A fault that never covered a simulated millisecond leaves no trace.
        if (r.from === now) continue;
        r.to = now;
      }
      kept.push(r);
    }
    // Ended faults only matter for the minutes they covered; keep a bounded tail of them.
    const ended = kept.filter((r) => r.to !== null);
    this.state.faults = ended.length > MAX_ENDED_FAULTS ? kept.filter((r) => r.to === null || ended.indexOf(r) >= ended.length - MAX_ENDED_FAULTS) : kept;
    return n;
  }
}

function emptyState(seed: number, clock: SimClock): SandboxState {
  return { formatVersion: 1, seed, clock: clock.snapshot(), functions: {}, faults: [], controlFaults: [], parameters: {}, alarms: {} };
}
