// The subset of CloudWatch metric math the portal needs: + - * / with parentheses, numbers, query
// ids, ABS(x) and FILL(x, n). Like CloudWatch, series combine point by point on the timestamps both
// have, and a division by zero yields no datapoint rather than Infinity.

export type Series = Map<number, number>;
export type MathValue = number | Series;

type Node =
  | { t: "num"; v: number }
  | { t: "id"; name: string }
  | { t: "neg"; arg: Node }
  | { t: "bin"; op: "+" | "-" | "*" | "/"; l: Node; r: Node }
  | { t: "call"; name: string; args: Node[] };

export class MetricMathError extends Error {}

function tokenize(src: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/(),]))/y;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw new MetricMathError(`Unexpected character at position ${pos + 1} of "${src}"`);
    tokens.push(m[1] ?? m[2] ?? m[3]!);
    pos = re.lastIndex;
  }
  return tokens;
}

export function parseExpression(src: string): Node {
  const tokens = tokenize(src);
  let i = 0;
  const peek = () => tokens[i];
  const take = (expected?: string) => {
    const tok = tokens[i++];
    if (tok === undefined || (expected && tok !== expected)) {
      throw new MetricMathError(`Expected ${expected ?? "a value"} in "${src}"`);
    }
    return tok;
  };
  const expr = (): Node => {
    let l = term();
    while (peek() === "+" || peek() === "-") {
      const op = take() as "+" | "-";
      l = { t: "bin", op, l, r: term() };
    }
    return l;
  };
  const term = (): Node => {
    let l = unary();
    while (peek() === "*" || peek() === "/") {
      const op = take() as "*" | "/";
      l = { t: "bin", op, l, r: unary() };
    }
    return l;
  };
  const unary = (): Node => (peek() === "-" ? (take(), { t: "neg", arg: unary() }) : primary());
  const primary = (): Node => {
    const tok = take();
    if (tok === "(") {
      const e = expr();
      take(")");
      return e;
    }
    if (/^\d/.test(tok)) return { t: "num", v: Number(tok) };
    if (/^[A-Za-z_]/.test(tok)) {
      if (peek() !== "(") return { t: "id", name: tok };
      take("(");
      const args: Node[] = [];
      if (peek() !== ")") {
        args.push(expr());
        while (peek() === ",") {
          take(",");
          args.push(expr());
        }
      }
      take(")");
      return { t: "call", name: tok.toUpperCase(), args };
    }
    throw new MetricMathError(`Unexpected "${tok}" in "${src}"`);
  };
  const root = expr();
  if (i < tokens.length) throw new MetricMathError(`Unexpected "${tokens[i]}" in "${src}"`);
  return root;
}

/** Query ids an expression refers to (to order evaluation and find its period). */
export function referencedIds(node: Node): string[] {
  switch (node.t) {
    case "num":
      return [];
    case "id":
      return [node.name];
    case "neg":
      return referencedIds(node.arg);
    case "bin":
      return [...referencedIds(node.l), ...referencedIds(node.r)];
    case "call":
      return node.args.flatMap(referencedIds);
  }
}

/** Evaluates against the series of other queries; `grid` is every period start in the range (for FILL). */
export function evaluate(node: Node, lookup: (id: string) => Series | undefined, grid: number[]): MathValue {
  const ev = (n: Node): MathValue => evaluate(n, lookup, grid);
  switch (node.t) {
    case "num":
      return node.v;
    case "id": {
      const s = lookup(node.name);
      if (!s) throw new MetricMathError(`Unknown metric id "${node.name}"`);
      return s;
    }
    case "neg":
      return pointwise(ev(node.arg), -1, (a, b) => a * b);
    case "bin":
      return pointwise(ev(node.l), ev(node.r), OPS[node.op]);
    case "call": {
      const [a, b] = node.args;
      if (node.name === "ABS" && a && node.args.length === 1) return pointwise(ev(a), 0, (x) => Math.abs(x));
      if (node.name === "FILL" && a && b && node.args.length === 2) {
        const s = ev(a);
        const fill = ev(b);
        if (typeof fill !== "number") throw new MetricMathError("FILL takes a number as its second argument");
        if (typeof s === "number") return s;
        return new Map(grid.map((ts) => [ts, s.get(ts) ?? fill]));
      }
      throw new MetricMathError(`Unsupported function ${node.name}(${node.args.length} arguments)`);
    }
  }
}

const OPS: Record<"+" | "-" | "*" | "/", (a: number, b: number) => number> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => a / b,
};

function pointwise(a: MathValue, b: MathValue, op: (x: number, y: number) => number): MathValue {
  if (typeof a === "number" && typeof b === "number") return op(a, b);
  const out: Series = new Map();
  const keys = typeof a === "number" ? [...(b as Series).keys()] : [...a.keys()];
  for (const ts of keys) {
    const x = typeof a === "number" ? a : a.get(ts);
    const y = typeof b === "number" ? b : b.get(ts);
    if (x === undefined || y === undefined) continue;
    const v = op(x, y);
    if (Number.isFinite(v)) out.set(ts, v);
  }
  return out;
}
