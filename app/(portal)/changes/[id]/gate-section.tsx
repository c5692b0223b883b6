import { GatePanel } from "@/components/changes/gate-panel";
import { Card } from "@/components/ui/card";
import { can, type Actor } from "@/lib/auth/permissions";
import { formatInZone } from "@/lib/domain/local-time";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { gateResultsOf } from "@/lib/server/emergency-queries";
import { manualGateAction } from "../emergency-actions";

const OPEN_STATES = ["DRAFT", "SUBMITTED", "APPROVED", "SCHEDULED"];

/** The testing-gates block of a CR page: results for its version and manual entry with evidence. */
export async function GateSection({ cr, actor }: { cr: { id: string; targetVersion: string; state: string; windowTimeZone: string }; actor: Actor }) {
  const [rows, zone] = await Promise.all([gateResultsOf(cr.id), viewerTimeZone()]);
  return (
    <Card title="Testing gates">
      <GatePanel
        crId={cr.id}
        targetVersion={cr.targetVersion}
        rows={rows.map((r) => ({ ...r, at: formatInZone(r.createdAt, zone) }))}
        canRecord={can(actor, "gate:record") && OPEN_STATES.includes(cr.state)}
        record={manualGateAction}
      />
    </Card>
  );
}
