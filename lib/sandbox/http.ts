// Small HTTP helpers shared by the Lambda, CloudWatch and control handlers.
import type { IncomingMessage, ServerResponse } from "node:http";

/** An error in AWS's shape: the SDK reads the type from x-amzn-errortype (REST-JSON) or __type. */
export class AwsApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A control-API error: plain JSON { error }. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY = 6 * 1024 * 1024; // Lambda's synchronous payload limit

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY) throw new AwsApiError(413, "RequestTooLargeException", "Request payload is too large");
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

export function parseJson(body: Buffer, onError: () => Error): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw onError();
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = "application/json",
): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendRaw(res: ServerResponse, status: number, body: Buffer, headers: Record<string, string>): void {
  res.writeHead(status, { "content-length": body.length, ...headers });
  res.end(body);
}

/** Region from the SigV4 credential scope ("Credential=AKID/20250101/eu-west-1/lambda/aws4_request"). */
export function regionOf(req: IncomingMessage): string {
  const auth = req.headers.authorization ?? "";
  const m = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\//.exec(auth);
  return m?.[1] ?? "us-east-1";
}

export function requestId(): string {
  return crypto.randomUUID();
}
