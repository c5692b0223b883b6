// The AwsGatewayError a gateway call fails with (failing the test when it succeeds or throws anything else).
import { AwsGatewayError } from "@/lib/aws";

export async function caught(p: Promise<unknown>): Promise<AwsGatewayError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AwsGatewayError) return e;
    throw e;
  }
  throw new Error("expected an AwsGatewayError");
}
