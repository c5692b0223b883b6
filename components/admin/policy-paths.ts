// The policy form's fields read and write paths of the one policy object the JSON view shows and the
// server saves, so both views stay the same policy and the schema's errors land at their field.
export type Path = readonly (string | number)[];

export function readPath(obj: unknown, path: Path): unknown {
  let at: unknown = obj;
  for (const k of path) at = at && typeof at === "object" ? (at as Record<string, unknown>)[k] : undefined;
  return at;
}

/** A copy of `obj` with `value` at `path` (objects along the way created when missing). */
export function writePath(obj: unknown, path: Path, value: unknown): unknown {
  const [k, ...rest] = path;
  if (k === undefined) return value;
  const base = obj && typeof obj === "object" && !Array.isArray(obj) ? (obj as Record<string, unknown>) : {};
  return { ...base, [k]: writePath(base[k], rest, value) };
}

export const pathKey = (path: Path) => path.join(".");
export const pathId = (path: Path) => `policy-${path.join("-")}`;
