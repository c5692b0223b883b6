// A CloudFormation / SAM template read into plain JSON values. YAML templates use short-form tags for
// the intrinsic functions (!Ref, !GetAtt, !Sub, …); each becomes its documented long form
// ({"Ref": …}, {"Fn::GetAtt": [..]}, …) so the rest of the import reads one shape, whichever the team wrote.
import { parseDocument, type Tags, type YAMLMap, type YAMLSeq } from "yaml";

export type CfnValue = null | boolean | number | string | CfnValue[] | { [key: string]: CfnValue };
export type CfnObject = { [key: string]: CfnValue };
export type ParsedTemplate = { ok: true; template: CfnObject } | { ok: false; error: string };

const FN_TAGS = ["Sub", "Join", "Select", "Split", "If", "Equals", "Not", "And", "Or", "FindInMap", "ImportValue", "Base64", "Cidr", "GetAZs", "Transform"];

type Seq = YAMLSeq.Parsed | YAMLMap.Parsed;
const toJs = (node: Seq): CfnValue => node.toJSON() as CfnValue;

/** One short-form tag on every node kind it may decorate: scalar, sequence and mapping. */
function tagsFor(name: string, key: string, scalar: (s: string) => CfnValue = (s) => s): Tags {
  return [
    { tag: `!${name}`, resolve: (s: string) => ({ [key]: scalar(s) }) },
    { tag: `!${name}`, collection: "seq", resolve: (n: Seq) => ({ [key]: toJs(n) }) },
    { tag: `!${name}`, collection: "map", resolve: (n: Seq) => ({ [key]: toJs(n) }) },
  ];
}

// "!GetAtt A.B.C" means resource A, attribute "B.C" (attributes may contain dots, logical ids may not).
function getAttScalar(s: string): CfnValue {
  const dot = s.indexOf(".");
  return dot < 0 ? [s] : [s.slice(0, dot), s.slice(dot + 1)];
}

const CFN_TAGS: Tags = [
  ...tagsFor("Ref", "Ref"),
  ...tagsFor("Condition", "Condition"),
  ...tagsFor("GetAtt", "Fn::GetAtt", getAttScalar),
  ...FN_TAGS.flatMap((n) => tagsFor(n, `Fn::${n}`)),
];

function isObject(v: unknown): v is CfnObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads YAML (with the short-form tags) or JSON. The error names the line, as the parser reports it. */
export function parseCfnTemplate(text: string): ParsedTemplate {
  if (text.trim() === "") return { ok: false, error: "The template is empty: paste a SAM or CloudFormation template (YAML or JSON)." };
  let value: unknown;
  if (text.trimStart().startsWith("{")) {
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { ok: false, error: `The template starts like JSON but is not valid JSON: ${(e as Error).message}` };
    }
  } else {
    const doc = parseDocument(text, { customTags: CFN_TAGS, prettyErrors: true, uniqueKeys: true });
    const first = doc.errors[0];
    if (first) return { ok: false, error: `The template is neither valid YAML nor JSON: ${first.message.split("\n")[0]}` };
    // An unknown tag (say !Foo) would silently become a plain string: refuse it instead.
    const unknownTag = doc.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED");
    if (unknownTag) return { ok: false, error: `The template uses a tag Changegate does not know: ${unknownTag.message.split("\n")[0]}` };
    value = doc.toJS({ maxAliasCount: 1000 });
  }
  if (!isObject(value)) return { ok: false, error: "The template is not a mapping of sections (Resources, Globals, …): is this a SAM or CloudFormation template?" };
  if (!isObject(value.Resources)) return { ok: false, error: "The template has no Resources section: there is nothing to import." };
  return { ok: true, template: value };
}

export { isObject as isCfnObject };
