import { describe, expect, it } from "vitest";
import { parseCfnTemplate } from "./cfn-parse";
import { resolveString } from "./cfn-values";

function props(yaml: string) {
  const r = parseCfnTemplate(`Resources:\n  R:\n    Type: X\n    Properties:\n${yaml.replace(/^/gm, "      ")}`);
  if (!r.ok) throw new Error(r.error);
  return ((r.template.Resources as Record<string, unknown>).R as { Properties: unknown }).Properties;
}

describe("parseCfnTemplate: short-form tags become CloudFormation's long forms", () => {
  it.each([
    ["!Ref MyFunction", { Ref: "MyFunction" }],
    ["!GetAtt MyFunction.Arn", { "Fn::GetAtt": ["MyFunction", "Arn"] }],
    ["!GetAtt Db.Endpoint.Address", { "Fn::GetAtt": ["Db", "Endpoint.Address"] }],
    ["!GetAtt [MyFunction, Arn]", { "Fn::GetAtt": ["MyFunction", "Arn"] }],
    ["!Sub '${AWS::StackName}-x'", { "Fn::Sub": "${AWS::StackName}-x" }],
    ["!Sub ['${A}-x', {A: !Ref B}]", { "Fn::Sub": ["${A}-x", { A: { Ref: "B" } }] }],
    ["!Join [':', [a, !Ref B]]", { "Fn::Join": [":", ["a", { Ref: "B" }]] }],
    ["!Select [0, !GetAZs '']", { "Fn::Select": [0, { "Fn::GetAZs": "" }] }],
    ["!Split [',', 'a,b']", { "Fn::Split": [",", "a,b"] }],
    ["!If [IsProd, a, !Ref 'AWS::NoValue']", { "Fn::If": ["IsProd", "a", { Ref: "AWS::NoValue" }] }],
    ["!Equals [!Ref Env, prod]", { "Fn::Equals": [{ Ref: "Env" }, "prod"] }],
    ["!Not [!Condition IsProd]", { "Fn::Not": [{ Condition: "IsProd" }] }],
    ["!And [!Condition A, !Condition B]", { "Fn::And": [{ Condition: "A" }, { Condition: "B" }] }],
    ["!Or [!Condition A, !Condition B]", { "Fn::Or": [{ Condition: "A" }, { Condition: "B" }] }],
    ["!FindInMap [Map, Key, Value]", { "Fn::FindInMap": ["Map", "Key", "Value"] }],
    ["!ImportValue shared-vpc", { "Fn::ImportValue": "shared-vpc" }],
    ["!Base64 hello", { "Fn::Base64": "hello" }],
    ["!Cidr ['10.0.0.0/16', 4, 8]", { "Fn::Cidr": ["10.0.0.0/16", 4, 8] }],
  ])("%s", (src, long) => {
    expect(props(`v: ${src}`)).toEqual({ v: long });
  });

  it("reads a JSON template", () => {
    const r = parseCfnTemplate(JSON.stringify({ Resources: { F: { Type: "AWS::Serverless::Function", Properties: { AutoPublishAlias: { Ref: "A" } } } } }, null, "\t"));
    expect(r.ok && r.template.Resources).toEqual({ F: { Type: "AWS::Serverless::Function", Properties: { AutoPublishAlias: { Ref: "A" } } } });
  });

  it.each([
    ["", /empty/],
    ["Resources: [a\n  b: c", /neither valid YAML nor JSON.*line/],
    ["{ \"Resources\": ", /not valid JSON/],
    ["- just\n- a list", /not a mapping of sections/],
    ["AWSTemplateFormatVersion: '2010-09-09'\nOutputs: {}", /no Resources section/],
    ["Resources:\n  R:\n    Type: X\n    Properties:\n      v: !Foo bar", /tag Changegate does not know: .*!Foo/],
  ])("refuses %j with a clear message", (text, message) => {
    const r = parseCfnTemplate(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe("resolveString: only what is known before the stack is deployed", () => {
  const ctx = { parameters: { Env: { Type: "String", Default: "prod" }, NoDefault: { Type: "String" } }, pseudo: { "AWS::StackName": "orders" } };
  it.each([
    ["plain", "plain"],
    [{ "Fn::Sub": "${AWS::StackName}-${Env}" }, "orders-prod"],
    [{ "Fn::Sub": "${!Literal}-x" }, "${Literal}-x"],
    [{ "Fn::Sub": ["${A}-x", { A: { Ref: "Env" } }] }, "prod-x"],
    [{ "Fn::Join": ["-", ["a", { Ref: "AWS::StackName" }]] }, "a-orders"],
  ])("%j → %s", (v, out) => {
    expect(resolveString(v, ctx)).toMatchObject({ ok: true, value: out });
  });
  it.each([
    [{ Ref: "NoDefault" }, /no Default/],
    [{ Ref: "MyFunction" }, /resource, known only once deployed/],
    [{ "Fn::Sub": "${AWS::Region}-x" }, /needs AWS::Region/],
    [{ "Fn::Sub": "${MyFunction.Arn}" }, /known only once deployed/],
    [{ "Fn::ImportValue": "x" }, /ImportValue 'x' is known only once deployed/],
  ])("%j is unresolved", (v, reason) => {
    const r = resolveString(v, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});
