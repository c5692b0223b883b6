// What a person reads when AWS could not be asked about a registered service: the service's own
// names and what to do, never the SDK's text (the full error goes to the server log instead).
import type { AwsErrorKind } from "@/lib/aws/errors";

export interface AwsTargetNames {
  kind: "LAMBDA" | "ECS";
  /** Lambda: the function; ECS: the ECS service (the registry's columns). */
  functionName: string;
  /** Lambda: the alias; ECS: the cluster. */
  alias: string;
  /** Left out where the caller does not know it (a registration check before the row exists). */
  awsRegion?: string;
}

const what = (t: AwsTargetNames) => {
  const region = t.awsRegion ? ` (${t.awsRegion})` : "";
  return t.kind === "ECS" ? `ECS service ${t.functionName} in cluster ${t.alias}${region}` : `Lambda function ${t.functionName}, alias ${t.alias}${region}`;
};

export function awsProblemWords(kind: AwsErrorKind, t: AwsTargetNames): string {
  switch (kind) {
    case "NOT_FOUND":
      return `AWS has no ${what(t)}: it may have been deleted or renamed. Until it exists again nothing can be deployed or rolled back here; an admin can correct the registration under Admin → Services.`;
    case "ACCESS_DENIED":
      return `Changegate is not allowed to read ${what(t)} in AWS, so its versions and live traffic cannot be shown. Ask whoever manages Changegate's AWS permissions.`;
    case "THROTTLED":
      return `AWS is limiting requests right now, so ${what(t)} could not be read. Reload the page in a minute.`;
    default:
      return `AWS did not answer when Changegate read ${what(t)}, so its versions and live traffic cannot be shown right now. Reload the page in a minute.`;
  }
}
