import "server-only";
// Rules of lib/domain that SQL reads state too, each written here once and built from its TypeScript
// constant, so a change to the constant changes the SQL. rules-sql.int.test.ts checks each against
// its TypeScript form on the database (as does change-visibility.ts's draft rule).
import { Prisma } from "@/generated/prisma/client";
import { ABANDONED_CR_STATES, RISK_RANK, TERMINAL_DEPLOYMENT_STATES } from "@/lib/domain/vocabulary";

// Table aliases and enum values are code, never input: written into the SQL text (a prepared
// statement keeps one text), and refused here if they are not plain names.
function name(s: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) throw new Error(`not a plain SQL name: ${s}`);
  return s;
}
const literals = (values: readonly string[]) => values.map((v) => `'${name(v)}'`).join(", ");

/** aliasLockKey (start-deployment.ts) of the service row `s`: the Deployment.activeLock its running deployment holds. */
export const aliasLockKeySql = (s: string) => Prisma.raw(`${name(s)}."awsRegion" || ':' || ${name(s)}."functionName" || ':' || ${name(s)}.alias`);

/** RISK_RANK of the risk column `column` (e.g. `cr.risk`); NULL when it is NULL. */
export const riskRankSql = (column: string) =>
  Prisma.raw(`CASE ${column.split(".").map(name).join(".")} ${Object.entries(RISK_RANK).map(([risk, rank]) => `WHEN '${name(risk)}' THEN ${rank}`).join(" ")} END`);

/** The deployment row `d` has ended (TERMINAL_DEPLOYMENT_STATES). */
export const deploymentEndedSql = (d: string) => Prisma.raw(`${name(d)}.state::text IN (${literals(TERMINAL_DEPLOYMENT_STATES)})`);

/** The change request row `c` is not abandoned (ABANDONED_CR_STATES): its window may still be used, its hotfix link counts. */
export const changeNotAbandonedSql = (c: string) => Prisma.raw(`${name(c)}.state::text NOT IN (${literals(ABANDONED_CR_STATES)})`);
