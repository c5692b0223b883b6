import { describe, expect, it } from "vitest";
import { RISK_QUESTIONS } from "@/lib/domain/risk-assessment";
import { changeRequestSchema, DEFAULT_RISK_ANSWERS, draftSchema, emptyChangeRequest, planMinutes } from "./change-request";

const NOW = new Date("2026-12-01T08:00:00Z");
const complete = () => ({
  ...emptyChangeRequest({ timeZone: "Europe/Berlin", windowStart: "2026-12-03T10:00" }),
  summary: "Raise checkout memory to 1024MB",
  description: "p95 duration halves at 1024MB",
  usersAffected: "None (transparent change)",
  rollbackPlan: "Error rate above 1 % for 5 minutes: switch the alias back",
  rollbackProcedure: "aws lambda update-alias --function-version 2",
  monitoringPlan: "Dashboard for 1 hour",
  implementationSteps: [{ text: "Deploy by canary", minutes: 15 }, { text: "Monitor for 1 hour", minutes: 60 }],
  onCallUserId: "u1",
  serviceId: "s1",
  targetVersion: "3",
  riskAnswers: { ...DEFAULT_RISK_ANSWERS },
  risk: "LOW" as const,
});
const issues = (v: unknown) => {
  const r = changeRequestSchema(() => NOW).safeParse(v);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("the CR template", () => {
  it("a new form starts with every risk question unanswered, and submitting names each one", () => {
    const v = { ...complete(), riskAnswers: emptyChangeRequest({ timeZone: "UTC", windowStart: "2026-12-03T10:00" }).riskAnswers };
    expect(v.riskAnswers).toEqual({});
    const found = issues(v);
    expect(found.riskAnswers).toBe(`Answer every risk question before submitting (${RISK_QUESTIONS.length} open: ${RISK_QUESTIONS.map((q) => q.label).join(", ")})`);
    for (const q of RISK_QUESTIONS) expect(found[`riskAnswers.${q.id}`]).toBe(`Answer “${q.label}”`);
  });

  it("one open question is named alone", () => {
    const { blastRadius: _, ...rest } = DEFAULT_RISK_ANSWERS;
    expect(issues({ ...complete(), riskAnswers: rest }).riskAnswers).toBe("Answer every risk question before submitting (1 open: Blast radius)");
  });

  it("a draft keeps unanswered questions, a missing description and steps without minutes", () => {
    const r = draftSchema.safeParse({ ...complete(), riskAnswers: { blastRadius: null }, description: "", monitoringPlan: "", implementationSteps: [{ text: "Deploy", minutes: null }] });
    expect(r.success).toBe(true);
  });

  it("submitting needs the description, the monitoring plan and each step's minutes", () => {
    const found = issues({ ...complete(), description: " ", monitoringPlan: "", implementationSteps: [{ text: "Deploy", minutes: 15 }, { text: "Monitor", minutes: null }] });
    expect(found.description).toMatch(/Description is required/);
    expect(found.monitoringPlan).toMatch(/Monitoring plan is required/);
    expect(found["implementationSteps.1.minutes"]).toBe("Say how many minutes step 2 takes");
    expect(found["implementationSteps.0.minutes"]).toBeUndefined();
  });

  it("step minutes are whole, at least 1 and at most a day", () => {
    expect(issues({ ...complete(), implementationSteps: [{ text: "x", minutes: 0 }] })["implementationSteps.0.minutes"]).toBe("A step takes at least 1 minute");
    expect(issues({ ...complete(), implementationSteps: [{ text: "x", minutes: 1.5 }] })["implementationSteps.0.minutes"]).toBe("Minutes must be whole minutes");
    expect(issues({ ...complete(), implementationSteps: [{ text: "x", minutes: 1441 }] })["implementationSteps.0.minutes"]).toMatch(/at most 24 hours/);
  });

  it("'Other systems affected' may be blank: the deployed service is affected by definition", () => {
    expect(issues({ ...complete(), servicesAffected: "", affectedServiceIds: ["s2"] })).toEqual({});
  });

  it("the CI API's shape (no description, plan or minutes, no risk answers) still parses with complete: false", () => {
    const { description: _d, monitoringPlan: _m, affectedServiceIds: _a, riskAnswers: _r, ...ci } = complete();
    const r = changeRequestSchema(() => NOW, undefined, undefined, { complete: false }).safeParse({ ...ci, implementationSteps: [{ text: "Deploy" }] });
    expect(r.success).toBe(true);
    expect(r.data?.implementationSteps[0]?.minutes).toBeNull();
  });

  it("plan total adds the given minutes and counts the missing", () => {
    expect(planMinutes([{ minutes: 15 }, { minutes: 60 }, { minutes: null }, {}])).toEqual({ total: 75, missing: 2 });
  });
});
