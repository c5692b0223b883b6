// The deploy orchestrator: a deployment is a row plus a chain of pg-boss tick jobs (see queue.ts).
export { advanceDeployment } from "./advance";
export { clockFromEnv, sandboxClock, systemClock, type DeployClock } from "./clock";
export { kickDeployment, scheduleTick, senderBoss, startBoss, TICK_QUEUE } from "./queue";
export { startDeployWorker, type DeployWorker, type WorkerOptions } from "./worker";
export type { DeployDeps, TickResult } from "./types";
