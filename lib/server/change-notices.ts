import "server-only";
// What a change's move tells people, written in the transaction that moves it: a submitted change
// asks the CAB for votes where its pinned policy wants them (and the CTO, where the change's pinned policy wants a CTO sign-off); an
// emergency asks managers for a verbal approval; approval, rejection and a request for changes go
// back to the requester.
import type { ChangeRequest } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db";
import type { CrAction } from "@/lib/domain/cr-state-machine";
import type { NotificationEvent } from "@/lib/domain/notification-events";
import { notify } from "./notify";
import { policyForChange } from "./policy-store";

const TO_REQUESTER: Partial<Record<CrAction, [NotificationEvent, string]>> = {
  approve: ["change.approved", "approved"],
  reject: ["change.rejected", "rejected"],
  requestChanges: ["change.changes-requested", "sent back for changes"],
};

export async function notifyChangeMoved(tx: Tx, cr: ChangeRequest, action: CrAction, actorId: string | null) {
  const base = { crId: cr.id, href: `/changes/${cr.id}`, actorId, requesterId: cr.requesterId, onCallUserId: cr.onCallUserId, serviceId: cr.serviceId };
  // One occurrence per approval round: a change submitted again after an edit asks again.
  const key = `${cr.id}:${cr.approvalRound}`;
  if (action === "submit" || action === "resetApprovals") {
    if (cr.emergency) {
      await notify(tx, { ...base, href: `/changes/${cr.id}#emergency`, event: "emergency.needs-verbal", key, title: `${cr.number} (emergency) needs a verbal approval`, body: cr.summary, actions: [{ kind: "open" }] });
      return;
    }
    const voting = [{ kind: "approve", crId: cr.id }, { kind: "reject", crId: cr.id }, { kind: "open" }] as const;
    const { policy } = await policyForChange(cr.policyVersionId, tx);
    const needs = policy.rules[cr.risk].approvals as readonly string[];
    if (needs.includes("CAB")) {
      await notify(tx, { ...base, href: `/changes/${cr.id}#vote`, event: "change.submitted", key, title: `${cr.number} (${cr.risk.toLowerCase()} risk) awaits CAB votes`, body: cr.summary, actions: [...voting] });
    }
    if (needs.includes("CTO")) {
      await notify(tx, { ...base, href: `/changes/${cr.id}#vote`, event: "change.needs-cto", key, title: `${cr.number} needs your sign-off`, body: cr.summary, actions: [...voting] });
    }
    return;
  }
  const told = TO_REQUESTER[action];
  if (told) await notify(tx, { ...base, event: told[0], key, title: `${cr.number} was ${told[1]}`, body: cr.summary, actions: [{ kind: "open" }] });
}
