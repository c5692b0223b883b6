import "server-only";
// The portal process's AWS gateways: the sandbox when CHANGEGATE_SANDBOX_URL is set (npm start
// without credentials, tests), otherwise the standard AWS chain.
import { createAwsGateways, type AwsGateways } from "@/lib/aws";

const g = globalThis as unknown as { changegateAws?: AwsGateways };

export function awsGateways(): AwsGateways {
  g.changegateAws ??= createAwsGateways({ endpoint: process.env.CHANGEGATE_SANDBOX_URL || undefined });
  return g.changegateAws;
}

export function isSandboxDemo(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CHANGEGATE_AWS === "sandbox" && Boolean(env.CHANGEGATE_SANDBOX_URL);
}
