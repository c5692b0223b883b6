// One tick of a deployment or flag rollout: re-read the row and its target (an alias, a flag's
// parameter: see rollout-target.ts), do the next thing the state calls for,
// and say when to look again. Every action is idempotent against what it re-reads, so a tick that
// runs twice, or after a crash at any line, converges on the same end (see the why at each write).
import { isAwsGatewayError } from "@/lib/aws";
import { pendingRevision } from "@/lib/domain/alias-ownership";
import { decideProductionChange, ORCHESTRATOR_ACTOR } from "@/lib/domain/production-gate";
import { evaluateGates, firstWholePeriod, GATE_RULE_LABELS, gateReadFrom, resolveGateRules, type GateRules } from "@/lib/domain/deploy-gates";
import { nextLookAt, PERIOD_LAG_MS, sameWeight } from "@/lib/domain/deploy-progress";
import type { TrafficPlan } from "@/lib/domain/traffic-plan";
import { TERMINAL_DEPLOYMENT_STATES } from "@/lib/domain/vocabulary";
import { addDeploymentEvent, lastEventData, loadDeployment, recordingOn, saveGateReadings, updateDeploymentIf, updateDeploymentIfWithEvent, type LoadedDeployment } from "./store";
import { checkAlarms } from "./alarm-check";
import { runHook } from "./hooks";
import { targetFor, type RolloutTarget, type TargetReading } from "./rollout-target";
import { asRunning, rollBack, settleManualRollback, startRollback, stopForeign } from "./rollback";
import { again, DONE, retryIn, type DeployDeps, type TickResult } from "./types";

export async function advanceDeployment(deps: DeployDeps, id: string): Promise<TickResult> {
  if (!deps.recordOnClock) return advance(deps, id);
  const now = () => deps.clock.now();
  // The services' writes (the finish, a manual rollback's settling) get the time explicitly.
  const outcomes = {
    ...deps.outcomes,
    finishDeployment: async (...[d, outcome, fields]: Parameters<DeployDeps["outcomes"]["finishDeployment"]>) => deps.outcomes.finishDeployment(d, outcome, { at: await now(), ...fields }),
    finishManualRollback: async (...[d, outcome, at]: Parameters<DeployDeps["outcomes"]["finishManualRollback"]>) => deps.outcomes.finishManualRollback(d, outcome, at ?? (await now())),
  };
  return recordingOn(now, () => advance({ ...deps, outcomes }, id));
}

async function advance(deps: DeployDeps, id: string): Promise<TickResult> {
  let d = await loadDeployment(id);
  if (!d || TERMINAL_DEPLOYMENT_STATES.includes(d.state)) return DONE;
  // A manual rollback writes its alias in the request that made it; a row still open here was cut short.
  if (d.kind === "ROLLBACK") return settleManualRollback(deps, d);
  try {
    if (d.state === "ROLLING_BACK") return await rollBack(deps, d);
    if (d.abortRequested) {
      return await startRollback(deps, d, { reason: "Aborted from the deployment page", outcome: "ROLLED_BACK", rollbackKind: "MANUAL" });
    }
    const rules = resolveGateRules(d.service.gateRules);
    const target = targetFor(deps, d);
    const reading = await target.read();
    // ECS's circuit breaker undid our write and put the old task definition back: ECS's decision,
    // recorded as such; Changegate does not fight it.
    if (reading.undoneByPlatform) {
      await deps.outcomes.finishDeployment(d.id, "ROLLED_BACK", { reason: `${reading.undoneByPlatform}; ECS rolled back to ${target.before}`, currentWeight: 0, rollbackKind: "AUTOMATIC", message: `Rolled back by ECS: ${reading.undoneByPlatform}` });
      return DONE;
    }
    // Every step asks the production gate: still running, its change still deploying, and the target
    // still as Changegate left it (its revision), or exactly what a write marked in flight sets.
    const gate = decideProductionChange(ORCHESTRATOR_ACTOR, {
      action: "TRAFFIC_STEP",
      deployment: asRunning(d),
      target: { revision: reading.revision, holdsIntended: reading.holds(intendedWeight(d)), describe: reading.describe },
    });
    if (!gate.allowed) {
      // Someone changed the target since we last wrote it. Overwriting their change (even to roll
      // back) could undo a fix they are making; stop and say so.
      if (gate.drift) return stopForeign(deps, d, gate.drift);
      return startRollback(deps, d, { reason: `Stopped by the production gate: ${gate.reasons.join("; ")}`, outcome: "ROLLED_BACK", rollbackKind: "AUTOMATIC" });
    }
    if (gate.adoptRevisionId && (await updateDeploymentIf(d.id, d.state, { aliasRevisionId: gate.adoptRevisionId }))) d = { ...d, aliasRevisionId: gate.adoptRevisionId };
    if (reading.weight === null) return stopForeign(deps, d, reading.describe);
    // The service's CloudWatch alarms, beside the built-in metric gates: read at every step.
    const alarmStop = await checkAlarms(deps, d);
    if (alarmStop) return alarmStop;
    const now = await deps.clock.now();
    switch (d.state) {
      case "PENDING":
        await updateDeploymentIf(d.id, "PENDING", { state: "PRE_TRAFFIC" });
        return again(now);
      case "PRE_TRAFFIC": {
        const hook = target.hooks ? await runHook(deps, d, "PRE_TRAFFIC") : { ok: true as const };
        if (!hook.ok) return startRollback(deps, d, { reason: hook.reason, outcome: "ROLLED_BACK", rollbackKind: "AUTOMATIC" });
        // The first step's write is marked in flight with the move (no round trip of its own).
        await updateDeploymentIf(d.id, "PRE_TRAFFIC", { state: "SHIFTING", currentStep: 0, stepStartedAt: null, aliasRevisionId: pendingRevision(reading.revision) });
        return again(now);
      }
      case "SHIFTING":
        return await shift(deps, d, rules, target, reading, reading.weight, now);
      case "POST_TRAFFIC": {
        const hook = target.hooks ? await runHook(deps, d, "POST_TRAFFIC") : { ok: true as const };
        if (!hook.ok) return startRollback(deps, d, { reason: hook.reason, outcome: "ROLLED_BACK", rollbackKind: "AUTOMATIC" });
        const ends = new Date(now.getTime() + rules.validation.minutes * 60_000);
        await updateDeploymentIfWithEvent(d.id, "POST_TRAFFIC", { state: "VALIDATING", stepStartedAt: now, nextStepAt: ends }, {
          kind: "VALIDATING",
          message: `Watching the ${target.watched} for ${rules.validation.minutes} min`,
          data: { simAt: now, until: ends },
        });
        return again(now);
      }
      case "VALIDATING":
        return await validate(deps, d, rules, target, now);
      default:
        return DONE;
    }
  } catch (e) {
    if (!isAwsGatewayError(e)) throw e;
    if (e.kind === "ALIAS_CHANGED" || e.kind === "PARAMETER_CHANGED" || e.kind === "SERVICE_CHANGED") {
      await deps.outcomes.finishDeployment(d.id, "FAILED", { reason: e.message, message: "Stopped: changed outside Changegate", drift: true });
      return DONE;
    }
    // Retries are spent (the gateway backs off) or the call can never succeed (missing version,
    // missing permission): fail the deploy, restoring the old version if any traffic moved.
    return startRollback(deps, d, { reason: e.message, outcome: "FAILED", rollbackKind: "AUTOMATIC", data: { kind: e.kind } });
  }
}

function plan(d: LoadedDeployment): TrafficPlan {
  return { steps: d.plan as unknown as TrafficPlan["steps"] };
}

/** The weight this deployment writes in its current state: the one its target may hold without our having recorded it. */
export function intendedWeight(d: LoadedDeployment): number {
  switch (d.state) {
    case "SHIFTING":
      return plan(d).steps[d.currentStep]?.weight ?? 1;
    case "POST_TRAFFIC":
    case "VALIDATING":
      return 1;
    default:
      return 0;
  }
}

async function shift(deps: DeployDeps, d: LoadedDeployment, rules: GateRules, target: RolloutTarget, reading: TargetReading, weight: number, now: Date): Promise<TickResult> {
  const steps = plan(d).steps;
  const step = steps[d.currentStep];
  if (!step) {
    await updateDeploymentIf(d.id, "SHIFTING", { state: "POST_TRAFFIC" });
    return again(now);
  }
  let shifted: { kind: string; message: string; data: Record<string, unknown> } | undefined;
  if (!sameWeight(weight, step.weight)) {
    // The step index, and the write as in flight, are recorded before the target is written: after a
    // crash it is either still at the previous weight with the revision we hold (write it) or
    // exactly at this one (adopt it) — never ahead, and anything else is someone else's.
    const marker = pendingRevision(reading.revision);
    if (d.aliasRevisionId !== marker && !(await updateDeploymentIf(d.id, "SHIFTING", { aliasRevisionId: marker }))) return again(now);
    reading = { ...reading, revision: await target.write(step.weight, reading), weight: step.weight };
    weight = step.weight;
    shifted = {
      kind: "SHIFTED",
      message: target.describeWrite?.(step.weight) ?? `${capitalise(target.describeWeight(step.weight))} (step ${d.currentStep + 1} of ${steps.length})`,
      data: { weight: step.weight, step: d.currentStep, simAt: now },
    };
  }
  if (!d.stepStartedAt || !sameWeight(d.currentWeight, step.weight)) {
    const nextStepAt = new Date(now.getTime() + step.waitSeconds * 1000);
    // The gates' scope changes when a canary's last step moves the watch from the new version to the
    // whole alias: the alias's earlier periods carried the old version's traffic too. Read after
    // the write: the tick's `now` was taken before it, and periods from then hold old traffic.
    const sameScope = d.trafficFrom && target.gateVersion(step.weight) === target.gateVersion(d.currentWeight);
    const trafficFrom = sameScope ? d.trafficFrom! : await deps.clock.now();
    const patch = { stepStartedAt: now, nextStepAt, currentWeight: step.weight, aliasRevisionId: reading.revision, trafficFrom };
    await (shifted ? updateDeploymentIfWithEvent(d.id, "SHIFTING", patch, shifted) : updateDeploymentIf(d.id, "SHIFTING", patch));
    return again(step.waitSeconds === 0 ? now : nextLookAt(now, rules.periodSeconds, nextStepAt));
  }
  // A write redone after a crash: record its revision with its event, or the next tick would call it foreign.
  if (shifted) await updateDeploymentIfWithEvent(d.id, "SHIFTING", { aliasRevisionId: reading.revision }, shifted);
  const breach = await checkGates(deps, d, rules, target, now, target.gateVersion(step.weight), d.stepStartedAt);
  if (breach) return breach;
  // A platform that rolls out by itself (ECS): the step lasts until its rollout completes.
  if (target.rollout) {
    const r = await target.rollout(reading);
    // One entry per change in the counts, not per tick: a long rollout would fill the timeline.
    if ((await lastEventData(d.id, "ECS_PROGRESS"))?.message !== r.message) await addDeploymentEvent(d.id, "ECS_PROGRESS", r.message, { ...r.data, message: r.message });
    if (r.state === "FAILED") return startRollback(deps, d, { reason: `ECS rollout failed: ${r.message}`, outcome: "ROLLED_BACK", rollbackKind: "AUTOMATIC" });
    // Look more often than the metric period: task counts move and ECS's own circuit breaker acts
    // between periods, and the page (and the record of a breaker rollback) should not lag a minute.
    if (r.state === "IN_PROGRESS" && !d.promoteNow) return again(nextLookAt(now, rules.periodSeconds, new Date(now.getTime() + PLATFORM_FOLLOW_MS)));
  }
  const due = d.nextStepAt && now >= d.nextStepAt;
  if (d.paused && !d.promoteNow) return again(nextLookAt(now, rules.periodSeconds, null));
  if (!due && !d.promoteNow) return again(nextLookAt(now, rules.periodSeconds, d.nextStepAt));
  const last = d.currentStep >= steps.length - 1;
  if (last) {
    await updateDeploymentIf(d.id, "SHIFTING", { state: "POST_TRAFFIC", stepStartedAt: null, nextStepAt: null });
    return again(now);
  }
  const marker = pendingRevision(reading.revision);
  if (!(await updateDeploymentIf(d.id, "SHIFTING", { currentStep: d.currentStep + 1, stepStartedAt: null, aliasRevisionId: marker }))) return again(now);
  // Straight on to the next step with what this tick read (the row as just written, the alias read
  // moments ago): re-reading both costs two round trips per step under load, and the alias write
  // carries the RevisionId read, so a change made outside meanwhile still fails it (ALIAS_CHANGED).
  return shift(deps, { ...d, currentStep: d.currentStep + 1, stepStartedAt: null, aliasRevisionId: marker }, rules, target, reading, weight, now);
}

async function validate(deps: DeployDeps, d: LoadedDeployment, rules: GateRules, target: RolloutTarget, now: Date): Promise<TickResult> {
  const start = d.stepStartedAt ?? now;
  const breach = await checkGates(deps, d, rules, target, now, undefined, start);
  if (breach) return breach;
  const ends = d.nextStepAt ?? now;
  // Judged on whole periods of the new version's traffic alone, and on one at least: a window
  // shorter than that (1 minute, begun mid-period) lasts until one such period is over.
  const from = new Date(Math.max(start.getTime(), firstWholePeriod(d.trafficFrom ?? start, rules.periodSeconds).getTime()));
  const judgeAt = new Date(Math.max(ends.getTime(), from.getTime() + rules.periodSeconds * 1000 + PERIOD_LAG_MS));
  if (d.paused && !d.promoteNow) return again(nextLookAt(now, rules.periodSeconds, null));
  if (now < judgeAt && !d.promoteNow) return again(nextLookAt(now, rules.periodSeconds, judgeAt));
  if (!d.promoteNow) {
    // The window is over: the whole of it must show traffic, or nothing proves the version works.
    // Read the window itself, not up to now: a worker back after a day's outage must not ask
    // CloudWatch for more periods than one request holds (the shift's own gates read since).
    const readings = await target.readings({ from, to: new Date(Math.min(now.getTime(), judgeAt.getTime() + rules.periodSeconds * 1000)), periodSeconds: rules.periodSeconds });
    const verdict = evaluateGates(rules, readings, { kind: "validation", windowEndedAt: ends });
    if (verdict.breached) return onBreach(deps, d, verdict.rule, verdict.message, target.watched);
  }
  await deps.outcomes.finishDeployment(d.id, "SUCCEEDED", {
    currentWeight: 1,
    message: d.promoteNow ? "Promoted: validation cut short by request" : `Validation passed; ${target.describeWeight(1)}`,
  });
  return DONE;
}

/** Reads the period metrics since the step began (a little earlier, for "N consecutive periods"), stores them, acts on a breach. */
async function checkGates(deps: DeployDeps, d: LoadedDeployment, rules: GateRules, target: RolloutTarget, now: Date, version: string | undefined, since: Date) {
  const from = gateReadFrom(rules, since, now, d.trafficFrom ?? since);
  // The old version's periods are read beside the gate's own (no longer tick), and stored with them in one statement.
  const [readings, baseline] = await Promise.all([
    target.readings({ version, from, to: now, periodSeconds: rules.periodSeconds }),
    version && version !== d.fromVersion ? baselineReadings(d, rules, target, from, now) : undefined,
  ]);
  const verdict = evaluateGates(rules, readings, { kind: "shift" });
  const scope = version ? `version ${version}` : target.watched;
  await saveGateReadings(d.id, scope, readings, verdict, d.lastReadingAt[scope], baseline);
  if (!verdict.breached) return null;
  return onBreach(deps, d, verdict.rule, verdict.message, scope, verdict.reading?.timestamp);
}

/**
 * The version being replaced, read over the same periods while traffic is split, so the deployment
 * page can chart old beside new. It gates nothing: a failed read only leaves a gap in that chart.
 */
async function baselineReadings(d: LoadedDeployment, rules: GateRules, target: RolloutTarget, from: Date, now: Date) {
  const scope = `version ${d.fromVersion}`;
  try {
    return { scope, readings: await target.readings({ version: d.fromVersion, from, to: now, periodSeconds: rules.periodSeconds }), lastAt: d.lastReadingAt[scope] };
  } catch (e) {
    console.warn(`deployment ${d.id}: could not read ${scope} for comparison: ${(e as Error).message}`);
    return undefined;
  }
}

async function onBreach(deps: DeployDeps, d: LoadedDeployment, rule: keyof typeof GATE_RULE_LABELS, message: string, scope: string, periodStart?: Date) {
  await addDeploymentEvent(d.id, "GATE_BREACHED", `${GATE_RULE_LABELS[rule]} on ${scope}: ${message}`, { rule, scope, periodStart });
  return startRollback(deps, d, { reason: `${GATE_RULE_LABELS[rule]} gate breached on ${scope}: ${message}`, outcome: "ROLLED_BACK", rollbackKind: "AUTOMATIC", data: { rule } });
}

const PLATFORM_FOLLOW_MS = 15_000;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export { retryIn };
