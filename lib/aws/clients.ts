// Building the SDK clients: region and credentials from the standard AWS chain, the endpoint
// overridable for the sandbox, and our retry strategy. With the sandbox (explicit endpoint or
// CHANGEGATE_AWS=sandbox) static dummy credentials are used: it does not check signatures, and the
// chain would otherwise fail on a machine without AWS credentials.
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { ECSClient } from "@aws-sdk/client-ecs";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { SSMClient } from "@aws-sdk/client-ssm";
import { BackoffRetryStrategy } from "./retry";

export interface AwsClientOptions {
  /** Default: the SDK chain (AWS_REGION, profile); "us-east-1" in sandbox mode if none is set. */
  region?: string;
  /** e.g. the sandbox URL. Without it the SDK honours AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_LAMBDA / _CLOUDWATCH / _SSM / _ECS. */
  endpoint?: string;
  /** Force dummy credentials (true) or the real chain (false). Default: true when `endpoint` is given or CHANGEGATE_AWS=sandbox. */
  sandbox?: boolean;
  /** Explicit credentials win over everything else. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Attempts per call including the first (default 4). */
  maxAttempts?: number;
  /** First retry delay (default 200 ms), doubling up to retryMaxDelayMs (default 5 s). */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Socket timeout per attempt (default 10 s): a hung call must fail, not stall a deploy step. */
  requestTimeoutMs?: number;
}

export const SANDBOX_CREDENTIALS = { accessKeyId: "changegate-sandbox", secretAccessKey: "changegate-sandbox" } as const;

export function isSandboxMode(opts: AwsClientOptions, env: NodeJS.ProcessEnv = process.env): boolean {
  return opts.sandbox ?? (opts.endpoint !== undefined || env.CHANGEGATE_AWS === "sandbox");
}

function commonConfig(opts: AwsClientOptions) {
  // The client versions are pinned for Node 20 (see STACK.md); their "upgrade to Node 22" warning
  // on every process start is noise, not news.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const sandbox = isSandboxMode(opts);
  const maxAttempts = opts.maxAttempts ?? 4;
  return {
    ...(opts.region ? { region: opts.region } : sandbox && !process.env.AWS_REGION ? { region: "us-east-1" } : {}),
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : sandbox ? { credentials: SANDBOX_CREDENTIALS } : {}),
    maxAttempts,
    retryStrategy: new BackoffRetryStrategy({
      maxAttempts,
      baseDelayMs: opts.retryBaseDelayMs ?? 200,
      maxDelayMs: opts.retryMaxDelayMs ?? 5_000,
    }),
    requestHandler: { requestTimeout: opts.requestTimeoutMs ?? 10_000, connectionTimeout: 3_000 },
  };
}

export function createLambdaClient(opts: AwsClientOptions = {}): LambdaClient {
  return new LambdaClient(commonConfig(opts));
}

export function createCloudWatchClient(opts: AwsClientOptions = {}): CloudWatchClient {
  return new CloudWatchClient(commonConfig(opts));
}

export function createSsmClient(opts: AwsClientOptions = {}): SSMClient {
  return new SSMClient(commonConfig(opts));
}

export function createEcsClient(opts: AwsClientOptions = {}): ECSClient {
  return new ECSClient(commonConfig(opts));
}
