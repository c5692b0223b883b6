// Reading a template value as a plain string where that is possible without deploying the stack:
// literals, parameters with a Default, and !Sub / !Join over them. Pseudo parameters such as
// AWS::StackName are known only if the person importing says so; anything else is "unresolved",
// with the value shown as written so they can see what was asked.
import { isCfnObject, type CfnObject, type CfnValue } from "./cfn-parse";

export interface ResolveContext {
  parameters: CfnObject; // the template's Parameters section
  pseudo: Record<string, string | undefined>; // AWS::StackName, AWS::Region, … as given by the user
}

export type Resolved = { ok: true; value: string; note?: string } | { ok: false; reason: string };

/** The value as the template author wrote it, in short form: "!Sub '${AWS::StackName}-x'". */
export function showValue(v: CfnValue | undefined): string {
  if (v === undefined) return "(missing)";
  if (isCfnObject(v)) {
    const [key] = Object.keys(v);
    if (key && Object.keys(v).length === 1) {
      const inner = v[key] as CfnValue;
      const name = key === "Ref" || key === "Condition" ? key : key.replace(/^Fn::/, "");
      if (typeof inner === "string") return name === "Ref" || name === "Condition" ? `!${name} ${inner}` : `!${name} '${inner}'`;
      if (name === "GetAtt" && Array.isArray(inner)) return `!GetAtt ${inner.join(".")}`;
      return `!${name} ${JSON.stringify(inner)}`;
    }
  }
  return typeof v === "string" ? `'${v}'` : JSON.stringify(v);
}

function resolveRef(name: string, ctx: ResolveContext): Resolved {
  if (name.startsWith("AWS::")) {
    const given = ctx.pseudo[name];
    return given ? { ok: true, value: given } : { ok: false, reason: `needs ${name}` };
  }
  const param = ctx.parameters[name];
  if (isCfnObject(param)) {
    const d = param.Default;
    if (typeof d === "string" || typeof d === "number") return { ok: true, value: String(d), note: `parameter ${name}'s Default` };
    return { ok: false, reason: `parameter ${name} has no Default` };
  }
  return { ok: false, reason: `!Ref ${name} is a resource, known only once deployed` };
}

function resolveSub(arg: CfnValue, ctx: ResolveContext): Resolved {
  const [text, vars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
  if (typeof text !== "string") return { ok: false, reason: "!Sub without a string" };
  const notes: string[] = [];
  let failed: string | null = null;
  // ${!Literal} is an escaped "${Literal}"; ${A.B} is a GetAtt, which only the deployed stack knows.
  const value = text.replace(/\$\{(!?)([^}]*)\}/g, (_m, bang: string, name: string) => {
    if (bang) return `\${${name}}`;
    const own = isCfnObject(vars) ? vars[name] : undefined;
    const r = own !== undefined ? resolveString(own, ctx) : name.includes(".") ? { ok: false as const, reason: `\${${name}} is known only once deployed` } : resolveRef(name, ctx);
    if (!r.ok) failed ??= r.reason;
    else if (r.note) notes.push(r.note);
    return r.ok ? r.value : "";
  });
  if (failed) return { ok: false, reason: failed };
  return notes.length ? { ok: true, value, note: notes.join(", ") } : { ok: true, value };
}

export function resolveString(v: CfnValue | undefined, ctx: ResolveContext): Resolved {
  if (typeof v === "string") return { ok: true, value: v };
  if (typeof v === "number") return { ok: true, value: String(v) };
  if (!isCfnObject(v)) return { ok: false, reason: v === undefined ? "missing" : "not a string" };
  if (typeof v.Ref === "string") return resolveRef(v.Ref, ctx);
  if (v["Fn::Sub"] !== undefined) return resolveSub(v["Fn::Sub"], ctx);
  const join = v["Fn::Join"];
  if (Array.isArray(join) && typeof join[0] === "string" && Array.isArray(join[1])) {
    const parts = join[1].map((p) => resolveString(p, ctx));
    const bad = parts.find((p) => !p.ok);
    if (bad) return bad;
    return { ok: true, value: parts.map((p) => (p.ok ? p.value : "")).join(join[0]) };
  }
  return { ok: false, reason: `${showValue(v)} is known only once deployed` };
}
