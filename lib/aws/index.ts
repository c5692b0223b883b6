// Lambda, CloudWatch, SSM Parameter Store and ECS behind small interfaces; the only code in Changegate importing the AWS SDK.
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { ECSClient } from "@aws-sdk/client-ecs";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { SSMClient } from "@aws-sdk/client-ssm";
import { createCloudWatchClient, createEcsClient, createLambdaClient, createSsmClient, type AwsClientOptions } from "./clients";
import { createAlarmsGateway, type AlarmsGateway } from "./alarms-gateway";
import { createEcsGateway, type EcsGateway } from "./ecs-gateway";
import { createLambdaGateway, type LambdaGateway } from "./lambda-gateway";
import { createMetricsGateway, type MetricsGateway } from "./metrics-gateway";
import { createSsmGateway, type SsmGateway } from "./ssm-gateway";

export * from "./errors";
export { createAlarmsGateway, type AlarmsGateway, type AlarmStateValue, type AlarmStatus } from "./alarms-gateway";
export { isSandboxMode, SANDBOX_CREDENTIALS, type AwsClientOptions } from "./clients";
export {
  createEcsGateway,
  parseTaskDefinition,
  type EcsDeploymentConfiguration,
  type EcsDeploymentState,
  type EcsGateway,
  type EcsServiceState,
  type EcsTaskDefinitionInfo,
  type EcsUpdateInput,
  type RolloutStateName,
} from "./ecs-gateway";
export { createLambdaGateway, type AliasState, type FunctionVersionInfo, type HookPayload, type HookResult, type LambdaGateway, type ShiftInput } from "./lambda-gateway";
export { createMetricsGateway, periodStarts, type MetricsGateway, type ReadingsQuery, type TargetGroupReadingsQuery } from "./metrics-gateway";
export {
  createSsmGateway,
  ParameterChangedError,
  type ParameterState,
  type ParameterVersionInfo,
  type PutParameterOptions,
  type SsmGateway,
} from "./ssm-gateway";

export interface AwsGateways {
  lambda: LambdaGateway;
  metrics: MetricsGateway;
  /** SSM Parameter Store (feature flags at /features/<name>). */
  ssm: SsmGateway;
  /** ECS services (rolling deployments). */
  ecs: EcsGateway;
  /** CloudWatch alarms a service lists as gates. */
  alarms: AlarmsGateway;
  /** Closes the clients' sockets (tests, shutdown). */
  destroy(): void;
}

/** All gateways for one region/endpoint, sharing options. */
export function createAwsGateways(opts: AwsClientOptions = {}): AwsGateways {
  const lambdaClient: LambdaClient = createLambdaClient(opts);
  const cwClient: CloudWatchClient = createCloudWatchClient(opts);
  const ssmClient: SSMClient = createSsmClient(opts);
  const ecsClient: ECSClient = createEcsClient(opts);
  return {
    lambda: createLambdaGateway({ client: lambdaClient }),
    metrics: createMetricsGateway({ client: cwClient }),
    ssm: createSsmGateway({ client: ssmClient }),
    ecs: createEcsGateway({ client: ecsClient }),
    alarms: createAlarmsGateway({ client: cwClient }),
    destroy() {
      lambdaClient.destroy();
      cwClient.destroy();
      ssmClient.destroy();
      ecsClient.destroy();
    },
  };
}
