// The orchestrator's public entry: all a service that starts or steers work may use (lint enforces
// it). A deployment is a row plus a chain of pg-boss tick jobs (queue.ts); workers and tests that
// run the orchestrator itself import worker.ts, advance.ts and clock.ts directly.
export { kickDeployment } from "./queue";
export { clockFromEnv, type DeployClock } from "./clock";
export type { DeployDeps, DeploymentOutcomes, FinishFields, FlagWrite, RollbackOutcome, TickResult } from "./types";
