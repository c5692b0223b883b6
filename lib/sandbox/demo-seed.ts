// The functions `npm start` shows when there are no AWS credentials: four services, each with a few
// published versions, a `production` alias one version behind the newest (so there is something to
// deploy) and its hook functions. The aliases have an hour of simulated history for the charts.
// Plus a few feature flags in Parameter Store at /features/<name>, in the seed's JSON shape.
import { putMetricAlarm } from "./alarm-store";
import { seedEcsDemo } from "./ecs-demo";
import { provisionFunction } from "./provision";
import type { SandboxStore } from "./store";

interface DemoFunction {
  name: string;
  description: string;
  requestRate: number;
  medianLatencyMs: number;
  releases: string[];
}

export const DEMO_FUNCTIONS: DemoFunction[] = [
  {
    name: "checkout-api",
    description: "Checkout and order placement API",
    requestRate: 20,
    medianLatencyMs: 85,
    releases: ["Initial checkout flow", "Saved cards", "Apple Pay", "Faster tax calculation", "Split shipments"],
  },
  {
    name: "user-service",
    description: "User profiles and sessions",
    requestRate: 12,
    medianLatencyMs: 45,
    releases: ["Profiles", "Session refresh", "GDPR export"],
  },
  {
    name: "payments-worker",
    description: "Asynchronous payment capture",
    requestRate: 5,
    medianLatencyMs: 160,
    releases: ["Capture worker", "Idempotent retries", "3-D Secure", "Refund batching"],
  },
  {
    name: "search-indexer",
    description: "Product search index updates",
    requestRate: 3,
    medianLatencyMs: 300,
    releases: ["Indexer", "Incremental updates", "Synonyms"],
  },
];

export const DEMO_HISTORY_MINUTES = 60;

/** Flags on the demo services: one rolling out (25 % plus an allowlist), one off, one fully on. */
export const DEMO_FLAGS: { name: string; flag: Record<string, unknown> }[] = [
  {
    name: "/features/checkout-new-pricing",
    flag: { enabled: true, percentage: 25, whitelist: ["user123", "user456"], description: "New pricing engine in checkout-api", createdAt: "2024-01-15T00:00:00Z", createdBy: "engineering-team" },
  },
  {
    name: "/features/search-ml-ranking",
    flag: { enabled: false, percentage: 0, whitelist: [], description: "ML ranking in search-indexer results", createdAt: "2024-02-01T00:00:00Z", createdBy: "search-team" },
  },
  {
    name: "/features/user-session-refresh",
    flag: { enabled: true, percentage: 100, whitelist: [], description: "Silent session refresh in user-service", createdAt: "2023-11-20T00:00:00Z", createdBy: "identity-team" },
  },
];

/**
 * The seed's two alarms ("Canary Deployment" and "Automated Rollback": Sum of Errors, Period 60,
 * EvaluationPeriods 2, greater than 5 and than 10) on each demo function. Alarm names are unique
 * per account, so each carries its function's name, as the seed's `!Sub ${AWS::StackName}-…` does.
 */
export const demoAlarmNames = (fn: string) => [`${fn}-ErrorRateAlarm`, `${fn}-AutoRollback-HighErrors`];

function seedDemoAlarms(store: SandboxStore, fn: string): void {
  const [errorRate, highErrors] = demoAlarmNames(fn) as [string, string];
  const common = { MetricName: "Errors", Namespace: "AWS/Lambda", Statistic: "Sum", Period: 60, EvaluationPeriods: 2, ComparisonOperator: "GreaterThanThreshold", Dimensions: [{ Name: "FunctionName", Value: fn }] };
  if (!store.state.alarms[errorRate]) putMetricAlarm(store, { ...common, AlarmName: errorRate, AlarmDescription: `Errors on ${fn} (seed: ErrorRateAlarm)`, Threshold: 5 }, "us-east-1");
  if (!store.state.alarms[highErrors]) putMetricAlarm(store, { ...common, AlarmName: highErrors, AlarmDescription: `High errors on ${fn}: roll back (seed: AutoRollback-HighErrors)`, Threshold: 10 }, "us-east-1");
}

export function seedDemo(store: SandboxStore): void {
  store.change(() => {
    const since = store.now() - DEMO_HISTORY_MINUTES * 60_000;
    for (const f of DEMO_FUNCTIONS) {
      if (store.state.functions[f.name]) continue;
      provisionFunction(store, {
        name: f.name,
        description: f.description,
        versions: f.releases.length,
        alias: "production",
        aliasVersion: String(f.releases.length - 1),
        requestRate: f.requestRate,
        hooks: true,
        medianLatencyMs: f.medianLatencyMs,
        perVersion: f.releases.map((description) => ({ description })),
        aliasSince: since,
      });
    }
    for (const f of DEMO_FUNCTIONS) seedDemoAlarms(store, f.name);
    seedEcsDemo(store, since);
    for (const f of DEMO_FLAGS) {
      if (store.ssm.find(f.name)) continue;
      const user = `arn:aws:iam::000000000000:user/${String(f.flag.createdBy)}`;
      store.ssm.put({ name: f.name, value: JSON.stringify(f.flag), type: "String", description: String(f.flag.description) }, user, "control");
    }
  });
}
