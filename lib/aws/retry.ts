// Our own retry strategy for the SDK clients. The SDK's standard mode does not retry plain 5xx
// (only "transient" codes), sleeps at least 500 ms on throttling and keeps a process-wide retry
// budget; a deploy step wants a short, bounded, predictable schedule that tests can shrink.

export interface RetryOptions {
  /** Total attempts including the first (1 = no retries). */
  maxAttempts: number;
  /** Delay before the first retry; doubles each time, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
}

interface Token {
  getRetryCount(): number;
  getRetryDelay(): number;
}

/** What the SDK's retry middleware hands over after a failed attempt. */
interface ErrorInfo {
  errorType: "THROTTLING" | "TRANSIENT" | "SERVER_ERROR" | "CLIENT_ERROR";
}

const RETRYABLE = new Set<ErrorInfo["errorType"]>(["THROTTLING", "TRANSIENT", "SERVER_ERROR"]);

export class BackoffRetryStrategy {
  readonly mode = "standard";

  constructor(readonly options: RetryOptions) {
    if (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1) throw new RangeError("maxAttempts must be a positive integer");
  }

  async acquireInitialRetryToken(_scope: string): Promise<Token> {
    return token(0, 0);
  }

  async refreshRetryTokenForRetry(previous: Token, info: ErrorInfo): Promise<Token> {
    const attemptsMade = previous.getRetryCount() + 1;
    // Refusing means the middleware rethrows the original error, which the gateway then maps.
    if (!RETRYABLE.has(info.errorType) || attemptsMade >= this.options.maxAttempts) throw new Error("No retry token available");
    return token(attemptsMade, backoffDelay(attemptsMade, this.options));
  }

  recordSuccess(_token: Token): void {}
}

/** Delay before retry number `retry` (1-based): base · 2^(retry-1), capped, with "equal jitter". */
export function backoffDelay(retry: number, o: RetryOptions): number {
  const ceiling = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (retry - 1));
  const r = (o.random ?? Math.random)();
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}

function token(count: number, delay: number): Token {
  return { getRetryCount: () => count, getRetryDelay: () => delay };
}
