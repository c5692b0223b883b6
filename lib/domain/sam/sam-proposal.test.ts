import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeAlarm } from "./sam-alarms";
import { mergeGlobals, proposeFromTemplate, type ProposalResult } from "./sam-proposal";

const seed = (f: string) => readFileSync(new URL(`./fixtures/${f}`, import.meta.url), "utf8");
const ok = (r: ProposalResult) => {
  if (!r.ok) throw new Error(r.error);
  return r.proposal;
};
/** A one-function template; `dp` and `extra` are YAML indented for their place. */
const fn = (dp: string, extra = "", head = "") => `${head}Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      AutoPublishAlias: live
${extra}      DeploymentPreference:
${dp}
  Hook:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: api-pre-check
  Topic:
    Type: AWS::SNS::Topic
`;

describe("the seed's Canary Deployment template", () => {
  it("proposes MyFunction:live with Canary10Percent5Minutes, its hooks, and asks for the stack name the alarm needs", () => {
    const p = ok(proposeFromTemplate(seed("seed-canary.yaml")));
    const [s] = p.services;
    expect(p.services).toHaveLength(1);
    expect(s).toMatchObject({ logicalId: "MyFunction", functionName: "MyFunction", suggestedName: "my-function", alias: "live", strategy: "Canary10Percent5Minutes", preTrafficHook: "PreTrafficHook", postTrafficHook: "PostTrafficHook" });
    expect(s?.functionNameSource).toMatch(/no FunctionName: using the logical id MyFunction/);
    expect(s?.problems).toEqual(["MyFunction: alarm ErrorRateAlarm's AlarmName !Sub '${AWS::StackName}-ErrorRate' cannot be resolved: needs AWS::StackName."]);
  });

  it("with the stack name, the alarm is a gate and the missing LatencyAlarm is listed, not dropped", () => {
    const p = ok(proposeFromTemplate(seed("seed-canary.yaml"), { stackName: "orders" }));
    expect(p.services[0]).toMatchObject({ alarmNames: ["orders-ErrorRate"], problems: [] });
    expect(p.notImported).toEqual([
      "PreTrafficHook: not imported as a service because it is the pre-traffic hook of MyFunction (recorded on that service).",
      "PostTrafficHook: not imported as a service because it is the post-traffic hook of MyFunction (recorded on that service).",
      expect.stringMatching(/^MyFunction: DeploymentPreference.Alarms !Ref LatencyAlarm: not imported because LatencyAlarm is not an AWS::CloudWatch::Alarm/),
    ]);
  });

  it("shows ErrorRateAlarm's definition: Sum of Errors, 60 s, 2 periods, > 5", () => {
    const [a] = ok(proposeFromTemplate(seed("seed-canary.yaml"), { stackName: "orders" })).alarms;
    expect(a).toMatchObject({ logicalId: "ErrorRateAlarm", name: "orders-ErrorRate", metricName: "Errors", namespace: "AWS/Lambda", statistic: "Sum", period: 60, evaluationPeriods: 2, threshold: 5, comparisonOperator: "GreaterThanThreshold", dimensions: ["FunctionName=!Ref MyFunction"] });
    expect(describeAlarm(a!)).toBe("Sum of AWS/Lambda Errors over 60 s, 2 of 2 periods GreaterThanThreshold 5");
  });
});

describe("the seed's other templates have no deployable function", () => {
  it("Automated Rollback: refused, and every resource is listed with why (AutoRollback-HighErrors's actions stay in AWS)", () => {
    const r = proposeFromTemplate(seed("seed-auto-rollback.yaml"));
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/no deployable function/) });
    expect(r.ok ? [] : r.notImported).toEqual([
      "DeploymentAlarm: alarm not attached because no DeploymentPreference.Alarms refers to it.",
      "RollbackTopic (AWS::SNS::Topic): not imported because Changegate notifies by its own email and Slack.",
      expect.stringMatching(/^RollbackFunction \(AWS::Lambda::Function\): not imported because it has no alias deployment/),
      expect.stringMatching(/^DeploymentAlarm.AlarmActions: not imported because Changegate stops and rolls back/),
    ]);
  });
  it("Blue-Green with hand-made aliases: refused, the aliases listed", () => {
    const r = proposeFromTemplate(seed("seed-blue-green.yaml"));
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.notImported.filter((n) => n.includes("AWS::Lambda::Alias"))).toHaveLength(2);
  });
  it("the seed's AutoRollback-HighErrors alarm, referenced from a function, keeps its literal name", () => {
    const text = seed("seed-auto-rollback.yaml").replace("Resources:\n", `Resources:\n  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      AutoPublishAlias: live\n      DeploymentPreference:\n        Type: AllAtOnce\n        Alarms: [!Ref DeploymentAlarm]\n`);
    const p = ok(proposeFromTemplate(text));
    expect(p.services[0]).toMatchObject({ strategy: "AllAtOnce", alarmNames: ["AutoRollback-HighErrors"], problems: [] });
    expect(p.alarms[0]).toMatchObject({ threshold: 10, period: 60, evaluationPeriods: 2, statistic: "Sum" });
  });
});

describe("deployment preference mapping", () => {
  it.each([
    ["Linear10PercentEvery1Minute", "Linear10PercentEvery1Minute"],
    ["CodeDeployDefault.LambdaCanary10Percent30Minutes", "Canary10Percent30Minutes"],
    ["AllAtOnce", "AllAtOnce"],
  ])("Type %s → %s", (type, strategy) => {
    expect(ok(proposeFromTemplate(fn(`        Type: ${type}`))).services[0]?.strategy).toBe(strategy);
  });

  it("an unknown Type is not mappable: named, never replaced", () => {
    const s = ok(proposeFromTemplate(fn("        Type: Canary50Percent1Minute"))).services[0];
    expect(s?.strategy).toBeNull();
    expect(s?.problems[0]).toMatch(/^Api: DeploymentPreference.Type 'Canary50Percent1Minute' is not a CodeDeploy predefined configuration Changegate supports \(AllAtOnce, Canary10Percent5Minutes/);
  });

  it("a Type from a parameter's Default resolves; Enabled: false blocks", () => {
    const head = "Parameters:\n  DeployType:\n    Type: String\n    Default: Canary10Percent10Minutes\n";
    expect(ok(proposeFromTemplate(fn("        Type: !Ref DeployType", "", head))).services[0]?.strategy).toBe("Canary10Percent10Minutes");
    expect(ok(proposeFromTemplate(fn("        Type: AllAtOnce\n        Enabled: false"))).services[0]?.problems).toEqual([expect.stringMatching(/Api: DeploymentPreference.Enabled is false/)]);
  });

  it("hooks resolve to the referenced function's FunctionName; a hook on a non-function is a problem", () => {
    const good = ok(proposeFromTemplate(fn("        Type: AllAtOnce\n        Hooks:\n          PreTraffic: !Ref Hook"))).services[0];
    expect(good).toMatchObject({ preTrafficHook: "api-pre-check", postTrafficHook: null, problems: [] });
    const bad = ok(proposeFromTemplate(fn("        Type: AllAtOnce\n        Hooks:\n          PostTraffic: !Ref Topic"))).services[0];
    expect(bad?.problems).toEqual(["Api: DeploymentPreference.Hooks.PostTraffic refers to Topic (AWS::SNS::Topic), not a Lambda function."]);
  });

  it("TriggerConfigurations and Role are listed as not imported, with why", () => {
    const p = ok(proposeFromTemplate(fn("        Type: AllAtOnce\n        Role: !GetAtt R.Arn\n        TriggerConfigurations: []")));
    expect(p.notImported).toContain("Api: DeploymentPreference.TriggerConfigurations: not imported because Changegate notifies by its own email and Slack, not CodeDeploy's SNS triggers.");
    expect(p.notImported).toContain("Api: DeploymentPreference.Role: not imported because Changegate shifts traffic itself; CodeDeploy's service role is not used.");
  });

  it("FunctionName !Sub '${AWS::StackName}-x' asks for the stack name, then uses it", () => {
    const text = fn("        Type: AllAtOnce", "      FunctionName: !Sub '${AWS::StackName}-api'\n");
    expect(ok(proposeFromTemplate(text)).services[0]).toMatchObject({ functionName: null, problems: [expect.stringMatching(/Api: FunctionName !Sub '\$\{AWS::StackName\}-api' cannot be resolved: needs AWS::StackName/)] });
    expect(ok(proposeFromTemplate(text, { stackName: "orders" })).services[0]).toMatchObject({ functionName: "orders-api", suggestedName: "orders-api", problems: [] });
  });
});

describe("Globals.Function", () => {
  it("a DeploymentPreference in Globals applies to every function with an alias; lists concatenate, the function's Type wins", () => {
    const text = `Globals:
  Function:
    AutoPublishAlias: live
    DeploymentPreference:
      Type: Linear10PercentEvery1Minute
      Alarms: [shared-errors]
Resources:
  A:
    Type: AWS::Serverless::Function
  B:
    Type: AWS::Serverless::Function
    Properties:
      DeploymentPreference:
        Type: AllAtOnce
        Alarms: [b-latency]
`;
    const p = ok(proposeFromTemplate(text));
    expect(p.services.map((s) => [s.logicalId, s.strategy, s.alarmNames])).toEqual([
      ["A", "Linear10PercentEvery1Minute", ["shared-errors"]],
      ["B", "AllAtOnce", ["shared-errors", "b-latency"]],
    ]);
  });

  it("mergeGlobals: the resource's scalar wins, lists keep both in order, absent keys come from Globals", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.array(fc.string()), fc.array(fc.string()), (g, l, gs, ls) => {
        expect(mergeGlobals({ a: g, list: gs, only: g }, { a: l, list: ls })).toEqual({ a: l, list: [...gs, ...ls], only: g });
      }),
    );
  });
});
