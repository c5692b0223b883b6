// The one error type for expected failures. Only AppError messages reach users; anything else is
// logged with a reference id and shown as a generic failure (see toUserError).

export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE: 409,
  ILLEGAL_TRANSITION: 409,
  NOT_READY: 409,
  RATE_LIMITED: 429,
  UPSTREAM: 502,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Field-level messages for forms: { fieldPath: message }. */
  readonly fields?: Record<string, string>;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, opts: { fields?: Record<string, string>; details?: unknown } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.fields = opts.fields;
    this.details = opts.details;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export interface UserError {
  code: ErrorCode | "INTERNAL";
  message: string;
  fields?: Record<string, string>;
  details?: unknown;
  reference?: string;
}

/** What a user may see of an error: the AppError itself, or a generic message with a reference id. */
export function toUserError(e: unknown, log: (ref: string, e: unknown) => void = defaultLog): UserError {
  if (isAppError(e)) return { code: e.code, message: e.message, fields: e.fields, details: e.details };
  const reference = Math.random().toString(36).slice(2, 10);
  log(reference, e);
  return { code: "INTERNAL", message: `Something went wrong on our side (reference ${reference}).`, reference };
}

function defaultLog(ref: string, e: unknown) {
  console.error(`[error ${ref}]`, e);
}
