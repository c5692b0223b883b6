// Runs a seeded sequence of commands against the world and the oracle after each one. A failure
// names the command, its number and the seed, with the last commands before it, so it replays.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import * as change from "./commands-change";
import * as flags from "./commands-flags";
import * as prod from "./commands-prod";
import * as slack from "./commands-slack";
import { checkAudit, checkChanges, checkEcsJournal, checkJournal, checkParameterJournal, orchestratorAllows, refreshDeployments, type Allow } from "./oracle-checks";
import { rng, type Rng } from "./rng";
import type { World } from "./world";

type Command = (w: World, r: Rng) => Promise<Allow>;
const COMMANDS: [string, number, Command][] = [
  ["file", 7, change.fileChange],
  ["edit", 5, change.editChange],
  ["lifecycle", 5, change.lifecycle],
  ["vote", 14, change.vote],
  ["meeting", 4, change.runMeeting],
  ["gate", 12, change.reportGate],
  ["incident", 2, change.incident],
  ["verbal", 3, change.verbalApproval],
  ["confirm", 4, change.confirmPresence],
  ["deploy", 10, prod.deploy],
  ["tick", 14, prod.tick],
  ["control", 3, prod.control],
  ["rollback", 5, prod.rollback],
  ["slack-approve", 3, slack.slackApprove],
  ["slack-rollback", 1.5, slack.slackRollback],
  ["hand", 2, prod.handChange],
  ["publish", 1, prod.publish],
  ["fault", 1, prod.fault],
  ["freeze", 0.5, prod.freeze],
  ["policy", 0.5, prod.changePolicy],
  ["clock", 9, prod.clock],
  ["flag-propose", 3, flags.proposeFlag],
  ["flag-apply", 3, flags.applyFlag],
  ["flag-kill", 1.5, flags.kill],
  ["flag-hand", 0.4, flags.handEditFlag],
  ["flag-reconcile", 1, flags.reconcileFlag],
];
const TOTAL = COMMANDS.reduce((s, [, wgt]) => s + wgt, 0);

function choose(r: Rng): [string, Command] {
  let x = r.next() * TOTAL;
  for (const [name, wgt, fn] of COMMANDS) if ((x -= wgt) < 0) return [name, fn];
  return [COMMANDS[0]![0], COMMANDS[0]![2]];
}

export interface RunStats {
  commands: number;
  accepted: Record<string, number>;
  refused: Record<string, number>;
}

export async function runModel(w: World, seed: number, commands: number, progress?: (n: number) => void): Promise<RunStats> {
  const r = rng(seed);
  const stats: RunStats = { commands, accepted: {}, refused: {} };
  const recent: string[] = [];
  for (let n = 1; n <= commands; n++) {
    const [name, fn] = choose(r);
    let allow: Allow | null = null;
    try {
      try {
        allow = await fn(w, r);
        stats.accepted[name] = (stats.accepted[name] ?? 0) + 1;
        recent.push(`#${n} ${name}`);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        stats.refused[name] = (stats.refused[name] ?? 0) + 1;
        recent.push(`#${n} ${name}: refused (${e.message.slice(0, 100)})`);
        if (process.env.CHANGEGATE_MODEL_TRACE) console.log(`#${n} ${name}: refused: ${e.message}`);
      }
      checkJournal(w);
      checkParameterJournal(w);
      checkEcsJournal(w);
      const ended = orchestratorAllows(w, await refreshDeployments(w));
      const own = allow;
      await checkChanges(w, (cr, from, to) => (own?.(cr, from, to) === null ? null : ended(cr, from, to) === null ? null : (own?.(cr, from, to) ?? ended(cr, from, to))));
      await checkAudit(w);
    } catch (e) {
      const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      throw new Error(`Model run failed at command #${n} (${name}), seed ${seed} (replay: CHANGEGATE_MODEL_SEED=${seed}):\n${message}\nLast commands:\n${recent.slice(-25).join("\n")}`, { cause: e });
    }
    if (recent.length > 50) recent.splice(0, 25);
    if (progress && n % 1000 === 0) progress(n);
  }
  return stats;
}

/** What the run did, from the database: evidence that the surface was exercised, not just refused. */
export async function outcomes() {
  const [approved, shipped, deployments, rollbacks, drift, reasons, kills, ecs] = await Promise.all([
    db.auditEvent.count({ where: { action: "change.approve" } }),
    // Went all the way (some were rolled back by hand afterwards, which changes their outcome).
    db.deployment.count({ where: { kind: "DEPLOY", events: { some: { kind: "SUCCEEDED" } } } }),
    db.deployment.groupBy({ by: ["kind", "state"], _count: true }),
    db.deployment.count({ where: { kind: "ROLLBACK", outcome: "SUCCEEDED" } }),
    db.deployment.count({ where: { reason: { contains: "changed outside Changegate" } } }),
    db.$queryRaw<{ reason: string; n: bigint }[]>`
      SELECT left(regexp_replace(reason, '[0-9.]+', '#', 'g'), 70) AS reason, count(*) AS n FROM "Deployment"
       WHERE kind = 'DEPLOY' AND state <> 'SUCCEEDED' GROUP BY 1 ORDER BY 2 DESC LIMIT 8`,
    db.flagChange.count({ where: { kind: "KILLED" } }),
    db.deployment.groupBy({ by: ["kind", "state"], where: { service: { kind: "ECS" } }, _count: true }),
  ]);
  const by = (kind: string, state: string) => deployments.find((d) => d.kind === kind && d.state === state)?._count ?? 0;
  return {
    approved,
    deploysSucceeded: shipped,
    deploysRolledBack: by("DEPLOY", "ROLLED_BACK"),
    deploysFailed: by("DEPLOY", "FAILED"),
    deploysStarted: deployments.filter((d) => d.kind === "DEPLOY").reduce((s, d) => s + d._count, 0),
    manualRollbacks: rollbacks,
    stoppedByDrift: drift,
    flagRollouts: Object.fromEntries(deployments.filter((d) => d.kind === "FLAG_ROLLOUT").map((d) => [d.state, d._count])),
    flagKills: kills,
    ecs: Object.fromEntries(ecs.map((d) => [`${d.kind} ${d.state}`, d._count])),
    endedBecause: Object.fromEntries(reasons.map((r) => [r.reason, Number(r.n)])),
  };
}
