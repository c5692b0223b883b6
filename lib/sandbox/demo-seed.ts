// The functions `npm start` shows when there are no AWS credentials: four services, each with a few
// published versions, a `production` alias one version behind the newest (so there is something to
// deploy) and its hook functions. The aliases have an hour of simulated history for the charts.
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
  });
}
