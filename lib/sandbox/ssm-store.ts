// Parameter Store state: versions, history and the write journal. Both the SSM API and the control
// API's hand edits come through here, so the rules hold whichever door a write comes in by; every
// write is persisted with the rest of the sandbox state (store.change).
import { AwsApiError } from "./http";
import { checkName, checkTier, checkType, checkValue, latest, MAX_VERSIONS, parameterNotFound, validation } from "./ssm-rules";
import type { SandboxStore } from "./store";
import type { SsmParameter, SsmParameterType, SsmParameterVersion } from "./types";

const MAX_WRITES = 10_000;
const MAX_DESCRIPTION = 1024;

/** One parameter write, through the SSM API (what a client such as the portal did) or the control API (a hand change). */
export interface ParameterWrite {
  seq: number;
  /** Simulated ms, like the alias journal. */
  at: number;
  name: string;
  version: number;
  value: string;
  /** IAM ARN of the writer. */
  user: string;
  via: "api" | "control";
}

export interface PutParameterInput {
  name: unknown;
  value: unknown;
  type?: unknown;
  description?: unknown;
  overwrite?: boolean;
  tier?: unknown;
}

export class SsmStore {
  /** Every parameter write in order (bounded; not persisted): what a test attributes writes with. */
  readonly writes: ParameterWrite[] = [];
  private seq = 0;

  constructor(private readonly store: SandboxStore) {}

  private get parameters(): Record<string, SsmParameter> {
    return this.store.state.parameters;
  }

  /** The parameter, or ParameterNotFound. */
  get(name: string): SsmParameter {
    const p = Object.hasOwn(this.parameters, name) ? this.parameters[name] : undefined;
    if (!p) throw parameterNotFound(name);
    return p;
  }

  find(name: string): SsmParameter | undefined {
    return Object.hasOwn(this.parameters, name) ? this.parameters[name] : undefined;
  }

  /** All parameters sorted by name (a stable order for paging). */
  list(): SsmParameter[] {
    return Object.values(this.parameters).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** PutParameter: version 1 on create, +1 on every overwrite (even of an identical value, as in AWS). */
  put(input: PutParameterInput, user: string, via: ParameterWrite["via"]): SsmParameterVersion {
    return this.store.change(() => {
      const name = checkName(input.name);
      const value = checkValue(input.value);
      if (input.description !== undefined && (typeof input.description !== "string" || input.description.length > MAX_DESCRIPTION)) {
        throw validation(`1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to ${MAX_DESCRIPTION}`);
      }
      const existing = this.find(name);
      const prev = existing ? latest(existing) : undefined;
      if (prev && !input.overwrite) {
        throw new AwsApiError(400, "ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
      }
      const type: SsmParameterType = checkType(input.type, prev?.type);
      const tier = checkTier(input.tier, value, prev?.tier);
      const v: SsmParameterVersion = {
        version: (prev?.version ?? 0) + 1,
        value,
        type,
        // Like AWS: a write without a description keeps the parameter's description.
        description: typeof input.description === "string" ? input.description : (prev?.description ?? ""),
        tier,
        lastModified: Date.now(),
        lastModifiedUser: user,
      };
      const p = existing ?? { name, versions: [] };
      p.versions.push(v);
      if (p.versions.length > MAX_VERSIONS) p.versions.splice(0, p.versions.length - MAX_VERSIONS);
      this.parameters[name] = p;
      this.writes.push({ seq: ++this.seq, at: this.store.now(), name, version: v.version, value, user, via });
      if (this.writes.length > MAX_WRITES) this.writes.splice(0, this.writes.length - MAX_WRITES);
      return v;
    });
  }

  delete(name: string): void {
    this.store.change(() => {
      this.get(name);
      delete this.parameters[name];
    });
  }
}
