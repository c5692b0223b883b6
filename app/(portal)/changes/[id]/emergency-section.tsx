import { EmergencyPanel } from "@/components/changes/emergency-panel";
import { Card } from "@/components/ui/card";
import { can, type Actor } from "@/lib/auth/permissions";
import { formatInZone, instantToLocalInput } from "@/lib/domain/local-time";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { emergencyDetail } from "@/lib/server/emergency-queries";
import { retrospectiveVoteAction, verbalApprovalAction } from "../emergency-actions";

/** The emergency block of a CR page: incident, verbal approval, retrospective status and vote. */
export async function EmergencySection({ crId, actor }: { crId: string; actor: Actor }) {
  const [d, zone] = await Promise.all([emergencyDetail(crId), viewerTimeZone()]);
  if (!d.cr.emergency) return null;
  const mine = d.cr.requesterId === actor.id;
  const voted = d.retroVotes.some((v) => v.userId === actor.id);
  return (
    <Card title="Emergency change">
      <EmergencyPanel
        crId={crId}
        incident={d.cr.incident && { ...d.cr.incident, resolved: !!d.cr.incident.resolvedAt }}
        verbal={d.verbal && { by: d.verbal.user?.name ?? "unknown", at: formatInZone(d.verbal.createdAt, zone), said: d.verbal.comment ?? "" }}
        retroStatus={d.cr.retroStatus}
        retroDue={d.retro ? formatInZone(d.retro.dueAt, zone) : null}
        retroOverdue={d.retro?.overdue ?? false}
        retroVotes={d.retroVotes.map((v) => ({ by: v.user?.name ?? "unknown", decision: v.decision, comment: v.comment }))}
        nowLocal={instantToLocalInput(new Date(), d.timeZone)}
        timeZone={d.timeZone}
        canRecordVerbal={can(actor, "change:verbal-approve") && !mine && ["DRAFT", "SUBMITTED"].includes(d.cr.state)}
        canRetroVote={can(actor, "change:retro-vote") && !mine && !voted && d.cr.retroStatus === "PENDING" && !!d.verbal}
        verbalApprove={verbalApprovalAction}
        retroVote={retrospectiveVoteAction}
      />
    </Card>
  );
}
