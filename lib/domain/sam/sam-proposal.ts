// A SAM / CloudFormation template read into proposed service registrations, for review before saving:
// each AWS::Serverless::Function with AutoPublishAlias and DeploymentPreference (Globals.Function
// merged in as SAM does), the template's CloudWatch alarms, and every resource left behind with why.
import { isCfnObject, parseCfnTemplate, type CfnObject, type CfnValue } from "./cfn-parse";
import type { ResolveContext } from "./cfn-values";
import { readAlarm, type AlarmDefinition } from "./sam-alarms";
import { proposeService, type ProposedService, type TemplateIndex } from "./sam-function";

export interface SamProposal {
  services: ProposedService[];
  alarms: AlarmDefinition[];
  /** "X: not imported because …" for every resource or setting Changegate leaves behind. */
  notImported: string[];
}
export type ProposalResult = { ok: true; proposal: SamProposal } | { ok: false; error: string; notImported: string[] };
export interface ProposalOptions {
  stackName?: string;
  region?: string;
}

/** SAM's Globals rule: maps merge key by key (the resource wins), lists concatenate, scalars are the resource's. */
export function mergeGlobals(global: CfnValue | undefined, local: CfnValue | undefined): CfnValue | undefined {
  if (local === undefined) return global;
  if (global === undefined) return local;
  if (Array.isArray(global) && Array.isArray(local)) return [...global, ...local];
  if (isCfnObject(global) && isCfnObject(local) && !isIntrinsic(global) && !isIntrinsic(local)) {
    const out: CfnObject = { ...global };
    for (const [k, v] of Object.entries(local)) out[k] = mergeGlobals(global[k], v) as CfnValue;
    return out;
  }
  return local;
}

function isIntrinsic(v: CfnObject): boolean {
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === "Ref" || keys[0]!.startsWith("Fn::"));
}

const OTHER_TYPES: Record<string, string> = {
  "AWS::Lambda::Alias": "aliases are registered from a function's AutoPublishAlias; register this one by hand under Admin → Services",
  "AWS::Lambda::Version": "Changegate reads versions from Lambda itself",
  "AWS::Lambda::Function": "it has no alias deployment (AutoPublishAlias and DeploymentPreference are SAM's)",
  "AWS::ECS::Service": "ECS services are registered by hand under Admin → Services (kind ECS)",
  "AWS::SNS::Topic": "Changegate notifies by its own email and Slack",
  "AWS::CodeDeploy::Application": "Changegate shifts traffic itself instead of CodeDeploy",
  "AWS::CodeDeploy::DeploymentGroup": "Changegate shifts traffic itself instead of CodeDeploy",
  "AWS::CodeDeploy::DeploymentConfig": "custom CodeDeploy configurations are not among the strategies Changegate runs",
  "AWS::CloudWatch::CompositeAlarm": "only metric alarms referenced from a DeploymentPreference are imported; add it by name under Admin → Services",
};

function functionProps(res: CfnObject, globals: CfnValue | undefined): CfnObject {
  const merged = mergeGlobals(globals, isCfnObject(res.Properties) ? res.Properties : {});
  return isCfnObject(merged) ? merged : {};
}

function whyNotDeployable(id: string, props: CfnObject, hookOf: Map<string, string>): string {
  const hook = hookOf.get(id);
  if (hook) return `${id}: not imported as a service because it is ${hook}.`;
  if (props.DeploymentPreference !== undefined) return `${id}: not imported because it has a DeploymentPreference but no AutoPublishAlias, so there is no alias to shift traffic on.`;
  return `${id}: not imported because it has no AutoPublishAlias and DeploymentPreference: SAM deploys it at once, there is nothing to gate.`;
}

export function proposeFromTemplate(text: string, opts: ProposalOptions = {}): ProposalResult {
  const parsed = parseCfnTemplate(text);
  if (!parsed.ok) return { ok: false, error: parsed.error, notImported: [] };
  const t = parsed.template;
  const resources = t.Resources as CfnObject;
  const ctx: ResolveContext = {
    parameters: isCfnObject(t.Parameters) ? t.Parameters : {},
    pseudo: { "AWS::StackName": opts.stackName?.trim() || undefined, "AWS::Region": opts.region?.trim() || undefined },
  };
  const globals = isCfnObject(t.Globals) ? t.Globals.Function : undefined;
  const alarms = new Map<string, AlarmDefinition>();
  for (const [id, res] of Object.entries(resources)) {
    if (isCfnObject(res) && res.Type === "AWS::CloudWatch::Alarm") alarms.set(id, readAlarm(id, isCfnObject(res.Properties) ? res.Properties : {}, ctx));
  }
  const index: TemplateIndex = { resources, alarms, ctx };
  const services: ProposedService[] = [];
  const notImported: string[] = [];
  const deployable: [string, CfnObject][] = [];
  for (const [id, res] of Object.entries(resources)) {
    if (!isCfnObject(res) || typeof res.Type !== "string") {
      notImported.push(`${id}: not imported because it has no Type.`);
      continue;
    }
    if (res.Type !== "AWS::Serverless::Function") continue;
    const props = functionProps(res, globals);
    if (props.AutoPublishAlias !== undefined && props.DeploymentPreference !== undefined) deployable.push([id, props]);
  }
  for (const [id, props] of deployable) services.push(proposeService(id, props, index));
  const hookOf = new Map<string, string>();
  for (const s of services) for (const h of s.hookLogicalIds) hookOf.set(h.logicalId, `the ${h.phase} hook of ${s.logicalId} (recorded on that service)`);
  const used = new Set(services.flatMap((s) => s.alarmLogicalIds));
  for (const [id, res] of Object.entries(resources)) {
    if (!isCfnObject(res) || typeof res.Type !== "string" || services.some((s) => s.logicalId === id)) continue;
    if (res.Type === "AWS::Serverless::Function") notImported.push(whyNotDeployable(id, functionProps(res, globals), hookOf));
    else if (res.Type === "AWS::CloudWatch::Alarm") {
      if (!used.has(id)) notImported.push(`${id}: alarm not attached because no DeploymentPreference.Alarms refers to it.`);
    } else if (hookOf.has(id)) notImported.push(`${id}: not imported as a service because it is ${hookOf.get(id)}.`);
    else notImported.push(`${id} (${res.Type}): not imported because ${OTHER_TYPES[res.Type] ?? "Changegate imports only alias-deployed functions and their alarms"}.`);
  }
  notImported.push(...services.flatMap((s) => s.notImported), ...[...alarms.values()].flatMap((a) => a.notImported));
  if (services.length === 0) {
    return { ok: false, error: "No AWS::Serverless::Function in Resources has both AutoPublishAlias and DeploymentPreference: there is no deployable function to register.", notImported };
  }
  return { ok: true, proposal: { services, alarms: [...alarms.values()], notImported } };
}

/** What the review page is shown: the proposal, which aliases are already registered, who may be on call. */
export interface SamPreview {
  proposal: SamProposal;
  registered: Record<string, string | null>;
  users: { id: string; name: string }[];
  teams: string[];
}
