// Fills the CR template's parts every filed change needs (issue 13): description, risk answers
// (the safest option of each, since none is pre-selected), step minutes, monitoring plan, a
// published version from the picker, and a planned window the policy allows for the risk.
import { expect, type Page } from "@playwright/test";
import { DateTime } from "luxon";
import { DEFAULT_POLICY } from "../lib/domain/policy";
import { nextAllowedStart } from "../lib/domain/planned-window";
import { RISK_QUESTIONS } from "../lib/domain/risk-assessment";
import type { RiskLevel } from "../lib/domain/vocabulary";

const ZONE = process.env.CHANGEGATE_TIME_ZONE ?? "Europe/Berlin";

/** A planned start (form format, the org's zone) the default policy allows for the risk, from tomorrow. */
export function allowedWindowStart(risk: RiskLevel, minutes = 30): string {
  const from = DateTime.now().setZone(ZONE).plus({ days: 1 }).startOf("hour");
  const at = nextAllowedStart(DEFAULT_POLICY, risk, from.toJSDate(), minutes) ?? from.toJSDate();
  return DateTime.fromJSDate(at, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");
}

export async function answerRiskQuestions(page: Page) {
  for (const q of RISK_QUESTIONS) await page.getByRole("group", { name: q.label }).getByRole("radio").first().check();
}

/** Picks `version` from the published versions once they are read (the field is a select then). */
export async function pickVersion(page: Page, version: string) {
  const field = page.getByLabel("Version to deploy");
  await expect(field).toHaveJSProperty("tagName", "SELECT");
  await field.selectOption(version);
}

export async function fillTemplateExtras(page: Page, opts: { risk?: RiskLevel; minutes?: number[] } = {}) {
  await page.getByLabel("Description and justification").fill("Checkout times out under load; more memory halves p95 duration.");
  await answerRiskQuestions(page);
  const minutes = opts.minutes ?? [15];
  for (const [i, m] of minutes.entries()) await page.getByLabel(`Minutes for step ${i + 1}`).fill(String(m));
  await page.getByLabel("What you watch after deploying, and for how long").fill("Error rate and p95 on the service dashboard for 1 hour");
  if (opts.risk && opts.risk !== "MEDIUM") await page.getByLabel("Planned start").fill(allowedWindowStart(opts.risk));
}
