"use server";
import { runAction } from "@/lib/action-result";
import { actorOrThrow } from "@/lib/auth/session";
import { lambdaVersionChoices } from "@/lib/server/lambda-version-choices";

/** The CR form asks for a Lambda service's published versions when the service is chosen. */
export async function lambdaVersionsAction(serviceId: string) {
  return runAction(async () => lambdaVersionChoices(await actorOrThrow(), serviceId));
}
