// Lambda and CloudWatch behind two small interfaces; the only code in Changegate importing the AWS SDK.
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import { createCloudWatchClient, createLambdaClient, type AwsClientOptions } from "./clients";
import { createLambdaGateway, type LambdaGateway } from "./lambda-gateway";
import { createMetricsGateway, type MetricsGateway } from "./metrics-gateway";

export * from "./errors";
export { isSandboxMode, SANDBOX_CREDENTIALS, type AwsClientOptions } from "./clients";
export { createLambdaGateway, type AliasState, type FunctionVersionInfo, type HookPayload, type HookResult, type LambdaGateway, type ShiftInput } from "./lambda-gateway";
export { createMetricsGateway, periodStarts, type MetricsGateway, type ReadingsQuery } from "./metrics-gateway";

export interface AwsGateways {
  lambda: LambdaGateway;
  metrics: MetricsGateway;
  /** Closes the clients' sockets (tests, shutdown). */
  destroy(): void;
}

/** Both gateways for one region/endpoint, sharing options. */
export function createAwsGateways(opts: AwsClientOptions = {}): AwsGateways {
  const lambdaClient: LambdaClient = createLambdaClient(opts);
  const cwClient: CloudWatchClient = createCloudWatchClient(opts);
  return {
    lambda: createLambdaGateway({ client: lambdaClient }),
    metrics: createMetricsGateway({ client: cwClient }),
    destroy() {
      lambdaClient.destroy();
      cwClient.destroy();
    },
  };
}
