"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action-result";
import { actorOrThrow } from "@/lib/auth/session";
import { formDataToObject } from "@/lib/schemas/admin";
import { createEmergencyChange } from "@/lib/server/create-emergency-change";
import { declareIncident, resolveIncident } from "@/lib/server/incidents";

export async function declareIncidentAction(form: FormData) {
  return runAction(async () => {
    const incident = await declareIncident(await actorOrThrow(), formDataToObject(form));
    revalidatePath("/incidents");
    return { id: incident.id };
  });
}

export async function createEmergencyChangeAction(form: FormData) {
  return runAction(async () => {
    const cr = await createEmergencyChange(await actorOrThrow(), formDataToObject(form));
    revalidatePath(`/incidents/${cr.incidentId}`);
    revalidatePath("/changes");
    return { id: cr.id, number: cr.number };
  });
}

export async function resolveIncidentAction(form: FormData) {
  return runAction(async () => {
    const id = String(form.get("id"));
    await resolveIncident(await actorOrThrow(), id);
    revalidatePath(`/incidents/${id}`);
    return { id };
  });
}
