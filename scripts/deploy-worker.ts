// The deploy worker process: `tsx --conditions=react-server scripts/deploy-worker.ts`. Needs
// DATABASE_URL; AWS from the standard chain, or the sandbox via AWS_ENDPOINT_URL and
// CHANGEGATE_SANDBOX_URL (whose simulated clock it then follows). Run as many as you like.
import { createAwsGateways } from "@/lib/aws";
import { clockFromEnv } from "@/lib/deploy/clock";
import { startDeployWorker } from "@/lib/deploy/worker";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set.");
  process.exit(1);
}
console.log("deploy worker starting");
const aws = createAwsGateways({ endpoint: process.env.CHANGEGATE_SANDBOX_URL || undefined });
const worker = await startDeployWorker({ databaseUrl, deps: { lambda: aws.lambda, metrics: aws.metrics, ssm: aws.ssm, ecs: aws.ecs, clock: clockFromEnv() } });
console.log("deploy worker ready");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void worker.stop().finally(() => {
      aws.destroy();
      process.exit(0);
    });
  });
}
