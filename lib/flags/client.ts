// The cached flag client for Lambda code. It imports no AWS SDK: the caller passes
// `fetchParameter(name)`, wired to SSM's GetParameter (README: "Feature flags in your Lambda code"),
// so this file stays dependency-free and tests run without AWS.
import { evaluate, loadFlag, type FlagContext, type FlagProblem, type FlagResult, type LoadedFlag } from "./evaluate";

export interface FlagClientOptions {
  /** The parameter's string value, or null when it does not exist. May throw on other failures. */
  fetchParameter: (name: string) => Promise<string | null>;
  /** How long a fetched flag is used before it is read again; default 60 s, like the seed. */
  ttlMs?: number;
  /** Parameter name prefix; default "/features/". */
  prefix?: string;
  /** Milliseconds clock; injectable for tests. */
  now?: () => number;
  /** Told about fetch failures (the flag then answers from its last good value, or "not found"). */
  onError?: (flagName: string, error: unknown) => void;
}

interface Entry {
  flag: LoadedFlag | FlagProblem;
  fetchedAt: number;
}

export class FlagClient {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<LoadedFlag | FlagProblem>>();
  private readonly ttlMs: number;
  private readonly prefix: string;
  private readonly now: () => number;

  constructor(private readonly options: FlagClientOptions) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.prefix = options.prefix ?? "/features/";
    this.now = options.now ?? Date.now;
  }

  /** Whether the flag is on for this context, with the reason. Never rejects. */
  async evaluate(flagName: string, context: FlagContext = {}): Promise<FlagResult> {
    return evaluate(flagName, await this.flag(flagName), context);
  }

  async isEnabled(flagName: string, context: FlagContext = {}): Promise<boolean> {
    return (await this.evaluate(flagName, context)).enabled;
  }

  /** The flag as cached: fresh entries answer at once, and concurrent callers of a stale one share one fetch. */
  flag(flagName: string): Promise<LoadedFlag | FlagProblem> {
    const entry = this.entries.get(flagName);
    if (entry && this.now() - entry.fetchedAt < this.ttlMs) return Promise.resolve(entry.flag);
    const pending = this.inFlight.get(flagName);
    if (pending) return pending;
    const fetching = this.fetch(flagName, entry).finally(() => this.inFlight.delete(flagName));
    this.inFlight.set(flagName, fetching);
    return fetching;
  }

  /** Forgets cached flags (all, or one), so the next call reads the parameter again. */
  clear(flagName?: string): void {
    if (flagName === undefined) this.entries.clear();
    else this.entries.delete(flagName);
  }

  private async fetch(flagName: string, previous: Entry | undefined): Promise<LoadedFlag | FlagProblem> {
    let flag: LoadedFlag | FlagProblem;
    try {
      flag = loadFlag(await this.options.fetchParameter(this.prefix + flagName));
    } catch (error) {
      this.options.onError?.(flagName, error);
      // A throttled or unreachable SSM keeps the last good answer rather than switching features off
      // mid-rollout; the failure is cached for a TTL too, so a cold Lambda does not retry per request
      // (GetParameter's default throughput is 40 calls per second per account and region).
      flag = previous?.flag ?? { problem: "not found" };
    }
    this.entries.set(flagName, { flag, fetchedAt: this.now() });
    return flag;
  }
}

export function createFlagClient(options: FlagClientOptions): FlagClient {
  return new FlagClient(options);
}
