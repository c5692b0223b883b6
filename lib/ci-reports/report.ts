// What a pipeline's report file says about one gate, read without I/O: the CLI reads the file and
// hands its text here, so the rules are unit-testable on real tool output. Imports stay relative
// (no "@/" alias) because the CLI also runs outside this repo's tsconfig.
import type { GateKind } from "../domain/vocabulary";

export interface GateReport {
  gate: GateKind;
  passed: boolean;
  /** The number the portal judges against its policy (coverage %, findings, p95 ms). */
  value: number;
  /** One line for the pipeline log. */
  summary: string;
  /** Kept with the gate result for people reading it later. */
  details: Record<string, unknown>;
}

/** A report file that is not what the gate expects; names the file and the field. */
export class ReportError extends Error {
  constructor(
    readonly file: string,
    readonly field: string | null,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = "ReportError";
  }
}

export function parseJson(file: string, text: string): unknown {
  if (text.trim() === "") throw new ReportError(file, null, "the file is empty");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ReportError(file, null, `not JSON (${(e as Error).message})`);
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The value at a dotted path ("total.lines.pct"), or undefined where the path breaks. */
export function at(root: unknown, path: readonly string[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (!isObject(v)) return undefined;
    v = v[key];
  }
  return v;
}

/** A finite number at `path`, or a ReportError naming the field and what was found instead. */
export function numberAt(file: string, root: unknown, path: readonly string[], what: string): number {
  const v = at(root, path);
  const field = path.map((p) => (/^[A-Za-z_]\w*$/.test(p) ? p : `["${p}"]`)).join(".").replace(/\.\[/g, "[");
  if (v === undefined) throw new ReportError(file, field, `missing ${field} (${what})`);
  if (typeof v !== "number" || !Number.isFinite(v)) throw new ReportError(file, field, `${field} must be a number (${what}); found ${JSON.stringify(v)}`);
  return v;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
