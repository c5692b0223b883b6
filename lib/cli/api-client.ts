// The CI API over fetch, for the changegate CLI. Every failure becomes an ApiError carrying what the
// portal said ({ error: { code, message, fields } }) or why it could not be asked.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

export function apiClient(baseUrl: string, token: string, fetchImpl: FetchLike = fetch): ApiClient {
  const base = baseUrl.replace(/\/+$/, "");
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${base}/api/v1${path}`;
    let res: Awaited<ReturnType<FetchLike>>;
    try {
      res = await fetchImpl(url, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), "user-agent": "changegate-cli" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new ApiError(0, "UNREACHABLE", `Cannot reach Changegate at ${base} (${cause?.code ?? cause?.message ?? (e as Error).message}).`);
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // handled below: a proxy's HTML error page is not the portal's answer
    }
    if (!res.ok) {
      const err = (json as { error?: unknown } | null)?.error;
      if (err && typeof err === "object") {
        const e = err as { code?: string; message?: string; fields?: Record<string, string> };
        throw new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? `HTTP ${res.status}`, e.fields ?? {});
      }
      const message = typeof err === "string" ? err : `${method} ${url} answered HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ""}`;
      throw new ApiError(res.status, `HTTP_${res.status}`, message);
    }
    if (json === null || typeof json !== "object") throw new ApiError(res.status, "BAD_RESPONSE", `${method} ${url} answered HTTP ${res.status} without a JSON body; is CHANGEGATE_URL the portal's address?`);
    return json as T;
  }
  return { get: (p) => call("GET", p), post: (p, b) => call("POST", p, b) };
}

/** A CR named by id or number, as a path segment. */
export const crPath = (ref: string) => `/changes/${encodeURIComponent(ref)}`;
