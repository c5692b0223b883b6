// What a rollout writes, behind one small interface, so one orchestrator drives a code deploy (a
// Lambda alias shifting weight from one version to another) and a flag's guarded rollout (an SSM
// parameter stepping its percentage) with the same steps, gates, holds, rollback and drift rule.
// A weight is how far along the rollout the target is: 0 = as before, 1 = as planned.
import { AwsGatewayError, type AliasState } from "@/lib/aws";
import type { MetricReading } from "@/lib/domain/deploy-gates";
import { ecsTarget } from "./ecs-target";
import { sameShape, shapeAt } from "@/lib/domain/alias-ownership";
import { aliasPosition, describeAlias } from "@/lib/domain/deploy-progress";
import { describeFlag, parameterTooLarge, parseParameterValue, sameConfig, toParameterValue, type FlagConfig } from "@/lib/domain/flag-config";
import type { LoadedDeployment } from "./store";
import type { DeployDeps } from "./types";

export interface TargetReading {
  /** The revision to write over: an alias's RevisionId, a parameter's version. */
  revision: string;
  /** The weight the target holds for this rollout, or null when it holds something the rollout never writes. */
  weight: number | null;
  /** Whether it holds exactly what `weight` writes. */
  holds(weight: number): boolean;
  describe: string;
  /** A platform that rolls out by itself (ECS) undid our write: its reason. */
  undoneByPlatform?: string;
}

/** Where a self-rolling platform's rollout of our write stands (ECS: its deployment's rolloutState). */
export interface PlatformRollout {
  state: "IN_PROGRESS" | "COMPLETED" | "FAILED";
  message: string;
  data: Record<string, unknown>;
}

export interface RolloutTarget {
  name: string;
  read(): Promise<TargetReading>;
  /** Writes the state for `weight` over the revision read (refused when it moved); the new revision. */
  write(weight: number, over: TargetReading): Promise<string>;
  /** The version whose own metrics the gates watch at `weight` (a split alias), else the whole alias. */
  gateVersion(weight: number): string | undefined;
  /** Pre/post-traffic hook functions run for code deploys only. */
  hooks: boolean;
  describeWeight(weight: number): string;
  /** The write at `weight` in the timeline, when "<weight described> (step i of n)" would mislead (ECS starts a rollout, it is not done). */
  describeWrite?(weight: number): string;
  /** What the gates watch when not one version (the timeline's and the breach's words): "alias", "target group". */
  watched: string;
  /** What rolling back returns to, in words. */
  before: string;
  /** The gates' readings for this target (the alias, a version behind it, an ECS target group). */
  readings(q: { from: Date; to: Date; periodSeconds: number; version?: string }): Promise<MetricReading[]>;
  /** For a platform that rolls out by itself after our one write: where that stands. */
  rollout?(reading: TargetReading): Promise<PlatformRollout>;
}

const pct = (w: number) => `${Number((w * 100).toFixed(2))} %`;

export function targetFor(deps: DeployDeps, d: LoadedDeployment): RolloutTarget {
  if (d.kind === "FLAG_ROLLOUT") return flagTarget(deps, d);
  return d.service.kind === "ECS" ? ecsTarget(deps, d) : aliasTarget(deps, d);
}

const lambdaReadings = (deps: DeployDeps, d: LoadedDeployment) => (q: { from: Date; to: Date; periodSeconds: number; version?: string }) =>
  deps.metrics.getReadings({ functionName: d.functionName, alias: d.alias, ...q });

function aliasTarget(deps: DeployDeps, d: LoadedDeployment): RolloutTarget {
  const reading = (alias: AliasState): TargetReading => {
    const pos = aliasPosition(alias, d.fromVersion, d.toVersion);
    return {
      revision: alias.revisionId,
      weight: pos.kind === "weight" ? pos.weight : null,
      holds: (w) => sameShape(alias, shapeAt(d.fromVersion, d.toVersion, w)),
      describe: describeAlias(alias),
    };
  };
  return {
    name: `${d.functionName}:${d.alias}`,
    watched: "alias",
    read: async () => reading(await deps.lambda.getAlias(d.functionName, d.alias)),
    async write(weight, over) {
      const alias =
        weight <= 0
          ? await deps.lambda.rollbackAlias(d.functionName, d.alias, { version: d.fromVersion, revisionId: over.revision })
          : await deps.lambda.shiftTraffic(d.functionName, d.alias, { stableVersion: d.fromVersion, newVersion: d.toVersion, weight, revisionId: over.revision });
      return alias.revisionId;
    },
    gateVersion: (w) => (w < 1 ? d.toVersion : undefined),
    hooks: true,
    describeWeight: (w) => (w >= 1 ? `version ${d.toVersion} serves all traffic` : `${pct(w)} of traffic on version ${d.toVersion}`),
    before: `version ${d.fromVersion}`,
    readings: lambdaReadings(deps, d),
  };
}

function flagTarget(deps: DeployDeps, d: LoadedDeployment): RolloutTarget {
  const flag = d.flag;
  if (!flag || !deps.ssm) throw new Error(`Flag rollout ${d.id} has no flag or no SSM gateway`);
  const ssm = deps.ssm;
  const from = d.flagFrom as unknown as FlagConfig;
  const to = d.flagTo as unknown as FlagConfig;
  const at = (w: number): FlagConfig => (w <= 0 ? from : w >= 1 ? to : { enabled: true, allowlist: to.allowlist, percentage: Math.round(w * to.percentage * 100) / 100 });
  const weights = [0, ...(d.plan as { weight: number }[]).map((s) => s.weight), 1];
  return {
    name: `flag ${flag.parameterName}`,
    watched: "alias",
    async read() {
      const p = await ssm.getParameter(flag.parameterName);
      const config = p ? parseParameterValue(p.value) : null;
      const holds = (w: number) => config !== null && sameConfig(config, at(w));
      return {
        revision: p ? String(p.version) : "deleted",
        weight: weights.find((w) => holds(w)) ?? null,
        holds,
        describe: !p ? "nothing (the parameter was deleted)" : config ? describeFlag(config) : "a value that is not a flag",
      };
    },
    async write(weight, over) {
      const config = at(weight);
      const value = toParameterValue(config, flag);
      if (parameterTooLarge(value)) throw new AwsGatewayError("INVALID", `The flag's value is over SSM's 4 KB standard-tier limit.`, { operation: "PutParameter" });
      const put = await ssm.putParameter(flag.parameterName, value, { expectedVersion: Number(over.revision), description: flag.description.slice(0, 1024) });
      await deps.outcomes.recordFlagWrite({ flagId: flag.id, config, version: put.version, deploymentId: d.id, crId: d.crId, kind: weight <= 0 ? "ROLLED_BACK" : "ROLLOUT_STEP" });
      return String(put.version);
    },
    gateVersion: () => undefined,
    hooks: false,
    describeWeight: (w) => `flag ${flag.name} ${describeFlag(at(w))}`,
    before: `the flag's last good state (${describeFlag(from)})`,
    // The flag's code runs behind the service's alias: its gates watch the whole alias.
    readings: lambdaReadings(deps, d),
  };
}
