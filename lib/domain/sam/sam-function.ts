// One AWS::Serverless::Function with AutoPublishAlias and DeploymentPreference read as a proposed
// service registration. What cannot be mapped is said, never guessed: `problems` block registering
// this function until fixed; `notImported` lists what is left behind and why.
import { STRATEGY_NAMES, type StrategyName } from "@/lib/domain/strategy-names";
import { isCfnObject, type CfnObject, type CfnValue } from "./cfn-parse";
import { resolveString, showValue, type ResolveContext } from "./cfn-values";
import type { AlarmDefinition } from "./sam-alarms";

export interface ProposedService {
  logicalId: string;
  functionName: string | null;
  functionNameSource: string;
  /** A registry name proposal (lowercase, dashes); the reviewer may change it. */
  suggestedName: string;
  alias: string | null;
  strategy: StrategyName | null;
  preTrafficHook: string | null;
  postTrafficHook: string | null;
  /** Alarm names to watch as gates, and the template alarms it refers to (named or not yet). */
  alarmNames: string[];
  alarmLogicalIds: string[];
  /** The template functions used as this service's hooks (so they are not offered as services). */
  hookLogicalIds: { phase: "pre-traffic" | "post-traffic"; logicalId: string }[];
  notes: string[];
  problems: string[];
  notImported: string[];
}

/** The CodeDeploy predefined Lambda configurations Changegate runs itself (traffic-plan.ts). */
export const CODEDEPLOY_TYPES: readonly StrategyName[] = STRATEGY_NAMES.filter((s) => s !== "BLUE_GREEN" && !s.startsWith("CUSTOM_"));

const DP_NOT_IMPORTED: Record<string, string> = {
  Role: "Changegate shifts traffic itself; CodeDeploy's service role is not used",
  TriggerConfigurations: "Changegate notifies by its own email and Slack, not CodeDeploy's SNS triggers",
  PassthroughCondition: "it only decides whether CloudFormation passes the Enabled condition through",
};

export interface TemplateIndex {
  resources: CfnObject;
  alarms: Map<string, AlarmDefinition>;
  ctx: ResolveContext;
}

export function suggestServiceName(functionName: string): string {
  const kebab = functionName
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return kebab.length >= 2 ? kebab.slice(0, 80) : `svc-${kebab}`;
}

/** A Lambda function's name as it will be called: FunctionName if resolvable, else its logical id. */
export function lambdaName(logicalId: string, props: CfnObject, ctx: ResolveContext): { name: string | null; source: string } {
  if (props.FunctionName === undefined) return { name: logicalId, source: `no FunctionName: using the logical id ${logicalId}` };
  const r = resolveString(props.FunctionName, ctx);
  if (r.ok) return { name: r.value, source: `FunctionName ${showValue(props.FunctionName)}${r.note ? ` with ${r.note}` : ""}` };
  return { name: null, source: `FunctionName ${showValue(props.FunctionName)} cannot be resolved: ${r.reason}` };
}

function strategyFrom(id: string, type: CfnValue | undefined, ctx: ResolveContext, out: ProposedService) {
  const r = resolveString(type, ctx);
  if (!r.ok) return out.problems.push(`${id}: DeploymentPreference.Type ${showValue(type)} cannot be resolved (${r.reason}).`);
  // CodeDeploy's own spelling (CodeDeployDefault.LambdaCanary10Percent5Minutes) names the same configuration.
  const short = r.value.replace(/^CodeDeployDefault\.Lambda/, "");
  const known = CODEDEPLOY_TYPES.find((s) => s === short);
  if (known) out.strategy = known;
  else out.problems.push(`${id}: DeploymentPreference.Type '${r.value}' is not a CodeDeploy predefined configuration Changegate supports (${CODEDEPLOY_TYPES.join(", ")}).`);
}

function hookFrom(id: string, phase: "PreTraffic" | "PostTraffic", v: CfnValue, index: TemplateIndex, out: ProposedService): string | null {
  const field = `${id}: DeploymentPreference.Hooks.${phase}`;
  if (typeof v === "string") return (out.notes.push(`${phase} hook: the function named '${v}'`), v);
  const ref = isCfnObject(v) && typeof v.Ref === "string" ? v.Ref : null;
  const res = ref ? index.resources[ref] : undefined;
  if (!ref || !isCfnObject(res)) {
    out.problems.push(`${field} ${showValue(v)} does not name a function in this template.`);
    return null;
  }
  if (res.Type !== "AWS::Serverless::Function" && res.Type !== "AWS::Lambda::Function") {
    out.problems.push(`${field} refers to ${ref} (${String(res.Type)}), not a Lambda function.`);
    return null;
  }
  const n = lambdaName(ref, isCfnObject(res.Properties) ? res.Properties : {}, index.ctx);
  out.hookLogicalIds.push({ phase: phase === "PreTraffic" ? "pre-traffic" : "post-traffic", logicalId: ref });
  if (!n.name) out.problems.push(`${field}: ${ref}'s ${n.source}.`);
  else out.notes.push(`${phase} hook ${n.name}: ${n.source}`);
  return n.name;
}

function alarmsFrom(id: string, list: CfnValue, index: TemplateIndex, out: ProposedService) {
  if (!Array.isArray(list)) return out.problems.push(`${id}: DeploymentPreference.Alarms ${showValue(list)} is not a list of alarms.`);
  for (const item of list) {
    const ref = isCfnObject(item) && typeof item.Ref === "string" ? item.Ref : null;
    const alarm = ref ? index.alarms.get(ref) : undefined;
    if (typeof item === "string") out.alarmNames.push(item);
    else if (!ref) out.notImported.push(`${id}: DeploymentPreference.Alarms entry ${showValue(item)}: not imported because it is not a !Ref to an alarm or an alarm name.`);
    else if (!alarm) out.notImported.push(`${id}: DeploymentPreference.Alarms !Ref ${ref}: not imported because ${ref} is not an AWS::CloudWatch::Alarm in this template (add it by name under Admin → Services if it exists in AWS).`);
    else if (!alarm.name) (out.problems.push(`${id}: alarm ${ref}'s ${alarm.nameSource}.`), out.alarmLogicalIds.push(ref));
    else (out.alarmNames.push(alarm.name), out.alarmLogicalIds.push(ref));
  }
}

/** The registration proposed for a function the caller found to have AutoPublishAlias and DeploymentPreference. */
export function proposeService(id: string, props: CfnObject, index: TemplateIndex): ProposedService {
  const n = lambdaName(id, props, index.ctx);
  const out: ProposedService = {
    logicalId: id,
    functionName: n.name,
    functionNameSource: n.source,
    suggestedName: suggestServiceName(n.name ?? id),
    alias: null,
    strategy: null,
    preTrafficHook: null,
    postTrafficHook: null,
    alarmNames: [],
    alarmLogicalIds: [],
    hookLogicalIds: [],
    notes: [],
    problems: n.name ? [] : [`${id}: ${n.source}.`],
    notImported: [],
  };
  const alias = resolveString(props.AutoPublishAlias, index.ctx);
  if (alias.ok) out.alias = alias.value;
  else out.problems.push(`${id}: AutoPublishAlias ${showValue(props.AutoPublishAlias)} cannot be resolved (${alias.reason}).`);
  const dp = props.DeploymentPreference;
  if (!isCfnObject(dp) || dp.Type === undefined) {
    out.problems.push(`${id}: DeploymentPreference ${showValue(dp)} has no Type that can be read.`);
    return out;
  }
  if (dp.Enabled === false || dp.Enabled === "false") out.problems.push(`${id}: DeploymentPreference.Enabled is false: SAM deploys it without a gradual deployment.`);
  strategyFrom(id, dp.Type, index.ctx, out);
  if (dp.Alarms !== undefined) alarmsFrom(id, dp.Alarms, index, out);
  if (dp.Hooks !== undefined) {
    const hooks = isCfnObject(dp.Hooks) ? dp.Hooks : {};
    if (hooks.PreTraffic !== undefined) out.preTrafficHook = hookFrom(id, "PreTraffic", hooks.PreTraffic, index, out);
    if (hooks.PostTraffic !== undefined) out.postTrafficHook = hookFrom(id, "PostTraffic", hooks.PostTraffic, index, out);
    for (const k of Object.keys(hooks).filter((k) => k !== "PreTraffic" && k !== "PostTraffic")) {
      out.notImported.push(`${id}: DeploymentPreference.Hooks.${k}: not imported because only PreTraffic and PostTraffic hooks exist.`);
    }
  }
  for (const k of Object.keys(dp).filter((k) => !["Type", "Alarms", "Hooks", "Enabled"].includes(k))) {
    out.notImported.push(`${id}: DeploymentPreference.${k}: not imported because ${DP_NOT_IMPORTED[k] ?? "Changegate has no such setting"}.`);
  }
  return out;
}
