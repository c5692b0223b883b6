import "server-only";
// Rules of lib/domain that SQL reads state too, each written here once and built from its TypeScript
// constant, so a change to the constant changes the SQL. rules-sql.int.test.ts checks each against
// its TypeScript form on the database (as does change-visibility.ts's draft rule). Each is a Kysely
// expression (…Expr) for readDb queries.
import { sql, type RawBuilder } from "kysely";
import { ABANDONED_CR_STATES, RISK_RANK, TERMINAL_DEPLOYMENT_STATES } from "@/lib/domain/vocabulary";

// Table aliases and enum values are code, never input: written into the SQL text (a prepared
// statement keeps one text), and refused here if they are not plain names.
function name(s: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) throw new Error(`not a plain SQL name: ${s}`);
  return s;
}
const literals = (values: readonly string[]) => values.map((v) => `'${name(v)}'`).join(", ");

const aliasLockKeyText = (s: string) => `${name(s)}."awsRegion" || ':' || ${name(s)}."functionName" || ':' || ${name(s)}.alias`;
const riskRankText = (column: string) =>
  `CASE ${column.split(".").map(name).join(".")} ${Object.entries(RISK_RANK).map(([risk, rank]) => `WHEN '${name(risk)}' THEN ${rank}`).join(" ")} END`;
const deploymentEndedText = (d: string) => `${name(d)}.state::text IN (${literals(TERMINAL_DEPLOYMENT_STATES)})`;
const changeNotAbandonedText = (c: string) => `${name(c)}.state::text NOT IN (${literals(ABANDONED_CR_STATES)})`;

/** aliasLockKey (start-deployment.ts) of the service row `s`: the Deployment.activeLock its running deployment holds. */
export const aliasLockKeyExpr = (s: string): RawBuilder<string> => sql.raw<string>(aliasLockKeyText(s));

/** RISK_RANK of the risk column `column` (e.g. `cr.risk`); NULL when it is NULL. */
export const riskRankExpr = (column: string): RawBuilder<number | null> => sql.raw<number | null>(riskRankText(column));

/** The deployment row `d` has ended (TERMINAL_DEPLOYMENT_STATES). */
export const deploymentEndedExpr = (d: string): RawBuilder<boolean> => sql.raw<boolean>(deploymentEndedText(d));

/** The change request row `c` is not abandoned (ABANDONED_CR_STATES): its window may still be used, its hotfix link counts. */
export const changeNotAbandonedExpr = (c: string): RawBuilder<boolean> => sql.raw<boolean>(changeNotAbandonedText(c));
