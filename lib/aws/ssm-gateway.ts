// SSM Parameter Store behind a small interface (the only code importing @aws-sdk/client-ssm), in
// strings: the flag service owns the JSON inside. Writes follow the alias drift rule: every write
// carries the version the caller read, and a parameter changed outside Changegate is reported as
// PARAMETER_CHANGED, never silently overwritten.
//
// SSM has no compare-and-set for an existing parameter (PutParameter takes no expected version,
// unlike Lambda's RevisionId, DynamoDB's conditions or AppConfig's LatestVersionNumber). What it does
// give, and what this gateway builds on:
// - PutParameter with Overwrite=false is an atomic create-if-absent (ParameterAlreadyExists), so a
//   first write (expectedVersion null) is a true compare-and-set;
// - versions are assigned one by one per parameter and PutParameter returns the version it made, so
//   "new version ≠ read version + 1" proves another write landed between our check and our write;
// - GetParameterHistory keeps the last 100 versions with LastModifiedUser, so that other write is
//   not lost: it can be named (who, which version) and restored by the caller;
// - labels (LabelParameterVersion) only point at versions; they do not guard writes.
// So an existing parameter gets check-then-write: a change before our read-check is refused; one in
// the milliseconds between check and write is detected and reported after the fact.
import {
  GetParameterCommand,
  paginateGetParameterHistory,
  paginateGetParametersByPath,
  PutParameterCommand,
  SSMClient,
  type Parameter,
  type ParameterHistory,
} from "@aws-sdk/client-ssm";
import { createSsmClient, type AwsClientOptions } from "./clients";
import { AwsGatewayError, isAwsGatewayError, toAwsGatewayError, type AwsCallContext } from "./errors";

export interface ParameterState {
  name: string;
  value: string;
  version: number;
  /** Null right after our own write (PutParameter does not return it). */
  lastModified: Date | null;
}

export interface ParameterVersionInfo extends ParameterState {
  /** IAM ARN of whoever wrote this version. */
  lastModifiedUser: string;
  description: string;
}

export interface PutParameterOptions {
  /** The version the caller read; null: the parameter must not exist yet. */
  expectedVersion: number | null;
  description?: string;
  /** Type when creating (default String); an existing parameter keeps its type. */
  type?: "String" | "StringList" | "SecureString";
}

export interface SsmGateway {
  /** The current version, or null when there is no such parameter. */
  getParameter(name: string): Promise<ParameterState | null>;
  /** Every parameter under `path` (recursive by default), all pages, sorted by name. */
  listParameters(path: string, opts?: { recursive?: boolean; pageSize?: number }): Promise<ParameterState[]>;
  /** Every retained version, oldest first, all pages; [] when there is no such parameter. */
  history(name: string, opts?: { pageSize?: number }): Promise<ParameterVersionInfo[]>;
  /** Optimistic write (see the file comment): PARAMETER_CHANGED when the version moved. */
  putParameter(name: string, value: string, opts: PutParameterOptions): Promise<ParameterState>;
}

/** PARAMETER_CHANGED with what was expected, found and (when our write landed anyway) written. */
export class ParameterChangedError extends AwsGatewayError {
  constructor(
    message: string,
    readonly parameterName: string,
    readonly expectedVersion: number | null,
    readonly foundVersion: number | null,
    /** Our version when the write landed but another write came in between; null when refused. */
    readonly writtenVersion: number | null = null,
    /** The versions written by others in between, oldest first. */
    readonly intervening: { version: number; user: string }[] = [],
  ) {
    super("PARAMETER_CHANGED", message, { operation: "PutParameter", parameterName });
    this.name = "ParameterChangedError";
  }
}

const describe = (v: number | null) => (v === null ? "no parameter" : `version ${v}`);

export function createSsmGateway(opts: AwsClientOptions & { client?: SSMClient } = {}): SsmGateway {
  const client = opts.client ?? createSsmClient(opts);

  async function call<T>(ctx: AwsCallContext, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw toAwsGatewayError(e, ctx);
    }
  }

  async function getParameter(name: string, operation = "GetParameter"): Promise<ParameterState | null> {
    try {
      const out = await call({ operation, parameterName: name }, () => client.send(new GetParameterCommand({ Name: name })));
      return out.Parameter ? toState(out.Parameter) : null;
    } catch (e) {
      if (isAwsGatewayError(e, "NOT_FOUND")) return null;
      throw e;
    }
  }

  async function history(name: string, o: { pageSize?: number } = {}): Promise<ParameterVersionInfo[]> {
    try {
      return await call({ operation: "GetParameterHistory", parameterName: name }, async () => {
        const out: ParameterVersionInfo[] = [];
        for await (const page of paginateGetParameterHistory({ client, pageSize: o.pageSize ?? 50 }, { Name: name })) {
          for (const h of page.Parameters ?? []) out.push(toVersionInfo(h));
        }
        return out.sort((a, b) => a.version - b.version);
      });
    } catch (e) {
      if (isAwsGatewayError(e, "NOT_FOUND")) return [];
      throw e;
    }
  }

  /** After a write whose version skipped: the versions in between, unless they are our own retried write. */
  async function othersBetween(name: string, value: string, from: number, to: number, attempts: number) {
    const between = (await history(name)).filter((h) => h.version > from && h.version < to);
    // A retry after a 5xx that AWS had in fact applied writes our value twice: that is not someone else.
    if (attempts > 1 && between.every((h) => h.value === value)) return [];
    return between.map((h) => ({ version: h.version, user: h.lastModifiedUser }));
  }

  async function putParameter(name: string, value: string, o: PutParameterOptions): Promise<ParameterState> {
    const ctx = { operation: "PutParameter", parameterName: name };
    // A refusal here (a bad name, throttling) is still the write's failure: say so.
    const current = await getParameter(name, "PutParameter (reading the current version)");
    const found = current?.version ?? null;
    if (found !== o.expectedVersion) {
      throw new ParameterChangedError(
        `Parameter ${name} was changed outside Changegate since it was read (expected ${describe(o.expectedVersion)}, found ${describe(found)}), so PutParameter was refused rather than overwrite that change. Re-read the parameter and decide.`,
        name,
        o.expectedVersion,
        found,
      );
    }
    const create = o.expectedVersion === null;
    let out;
    try {
      out = await client.send(
        new PutParameterCommand({
          Name: name,
          Value: value,
          Overwrite: !create,
          ...(create ? { Type: o.type ?? "String" } : {}),
          ...(o.description !== undefined ? { Description: o.description } : {}),
        }),
      );
    } catch (e) {
      const err = toAwsGatewayError(e, ctx);
      if (!isAwsGatewayError(err, "PARAMETER_CHANGED")) throw err;
      // ParameterAlreadyExists: ours if an earlier attempt of this call created it, else someone else's.
      const now = await getParameter(name);
      if ((err.attempts ?? 1) > 1 && now?.version === 1 && now.value === value) return now;
      throw new ParameterChangedError(
        `Parameter ${name} was created outside Changegate while Changegate was creating it (now ${describe(now?.version ?? null)}), so PutParameter was refused rather than overwrite it. Re-read the parameter and decide.`,
        name,
        null,
        now?.version ?? null,
      );
    }
    const written = out.Version ?? 0;
    const expected = (o.expectedVersion ?? 0) + 1;
    const state: ParameterState = { name, value, version: written, lastModified: null };
    if (written === expected) return state;
    const others = await othersBetween(name, value, expected - 1, written, out.$metadata.attempts ?? 1);
    if (others.length === 0) return state;
    throw new ParameterChangedError(
      `Parameter ${name} was changed outside Changegate while Changegate wrote it: ${others.map((x) => `version ${x.version} by ${x.user}`).join(", ")} landed between Changegate's check (version ${o.expectedVersion}) and its write (version ${written}). Changegate's value is now current; the other change is kept in the parameter's history. Review it and decide.`,
      name,
      o.expectedVersion,
      others[0]?.version ?? null,
      written,
      others,
    );
  }

  return {
    getParameter: (name) => getParameter(name),
    history,
    putParameter,

    async listParameters(path, o = {}) {
      return call({ operation: "GetParametersByPath", parameterName: path }, async () => {
        const out: ParameterState[] = [];
        const pages = paginateGetParametersByPath({ client, pageSize: o.pageSize ?? 10 }, { Path: path, Recursive: o.recursive ?? true });
        for await (const page of pages) for (const p of page.Parameters ?? []) out.push(toState(p));
        return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      });
    },
  };
}

function toState(p: Parameter): ParameterState {
  return { name: p.Name ?? "", value: p.Value ?? "", version: p.Version ?? 0, lastModified: p.LastModifiedDate ?? null };
}

function toVersionInfo(h: ParameterHistory): ParameterVersionInfo {
  return {
    ...toState(h),
    lastModifiedUser: h.LastModifiedUser ?? "",
    description: h.Description ?? "",
  };
}
