import { Badge, type Tone } from "@/components/ui/badge";
import { CR_STATE_LABELS, RISK_LABELS, type CrState, type RiskLevel } from "@/lib/domain/vocabulary";

const STATE_TONES: Record<CrState, Tone> = {
  DRAFT: "slate",
  SUBMITTED: "blue",
  APPROVED: "green",
  REJECTED: "red",
  SCHEDULED: "violet",
  DEPLOYING: "amber",
  DEPLOYED: "green",
  ROLLED_BACK: "amber",
  FAILED: "red",
  CLOSED: "slate",
  CANCELLED: "slate",
};
const RISK_TONES: Record<RiskLevel, Tone> = { LOW: "green", MEDIUM: "amber", HIGH: "red" };

export function StateBadge({ state }: { state: CrState }) {
  return <Badge tone={STATE_TONES[state]}>{CR_STATE_LABELS[state]}</Badge>;
}

export function RiskBadge({ risk }: { risk: RiskLevel }) {
  return <Badge tone={RISK_TONES[risk]}>{RISK_LABELS[risk]} risk</Badge>;
}
