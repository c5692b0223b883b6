// Small helpers over node:util parseArgs (no dependency: the CLI must run from a plain install).
import { parseArgs, type ParseArgsConfig } from "node:util";

/** A mistake in how the command was called: exit 64 with the message and the command's usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type Options = NonNullable<ParseArgsConfig["options"]>;

export function parse(argv: string[], options: Options, positionals: string[]) {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ""));
  }
  if (parsed.positionals.length > positionals.length) throw new UsageError(`Unexpected argument '${parsed.positionals[positionals.length]}'.`);
  positionals.forEach((name, i) => {
    if (parsed.positionals[i] === undefined) throw new UsageError(`Missing <${name}>.`);
  });
  return { values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals };
}

export function str(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

export function required(values: Record<string, unknown>, name: string): string {
  const v = str(values, name);
  if (v === undefined) throw new UsageError(`--${name} is required.`);
  return v;
}

export function num(values: Record<string, unknown>, name: string): number | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number; got '${v}'.`);
  return n;
}

export function bool(values: Record<string, unknown>, name: string): boolean | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  if (/^(true|yes|1|pass|passed)$/i.test(v)) return true;
  if (/^(false|no|0|fail|failed)$/i.test(v)) return false;
  throw new UsageError(`--${name} must be true or false; got '${v}'.`);
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "30m", "90s", "1h", "1h30m", "500ms"; a bare number is seconds. */
export function duration(values: Record<string, unknown>, name: string, fallbackMs: number): number {
  const v = str(values, name);
  if (v === undefined) return fallbackMs;
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const parts = [...v.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== v) throw new UsageError(`--${name} must be a duration like 30m, 90s, 1h30m; got '${v}'.`);
  return parts.reduce((ms, p) => ms + Number(p[1]) * UNIT_MS[p[2]!]!, 0);
}
