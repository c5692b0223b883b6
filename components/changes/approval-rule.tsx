import { RISK_LABELS, type RiskLevel } from "@/lib/domain/vocabulary";

/**
 * The approval rule of the CR's pinned policy in words (approvalRuleText), shown beside the votes
 * so requester and voters know what will decide the change before anyone votes.
 */
export function ApprovalRule({ risk, lines }: { risk: RiskLevel; lines: readonly string[] }) {
  return (
    <div className="mb-3 rounded-md bg-slate-50 px-3 py-2" role="group" aria-label="Approval rule">
      <p className="text-xs font-medium text-slate-700">How a {RISK_LABELS[risk]}-risk change is approved</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-4 text-xs text-slate-600">
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </div>
  );
}
