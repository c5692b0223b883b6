// The change's essentials inline on the agenda, so a member judges it without leaving the meeting:
// service, planned window, on-call, requester and what besides approval still stands between it and a
// deploy; for an emergency change, the verbal approval it went out on and how its deployment ended.
import type { ReactNode } from "react";
import { formatDayTimeInZone, formatTimeInZone } from "@/lib/domain/local-time";
import { deploymentStateLabel } from "@/lib/domain/vocabulary";
import type { ChangeEssentials } from "@/lib/domain/cab-essentials";

// The terms' and values' styles are set once on the list (FACTS) rather than on each of the ~40
// rows' five facts: every class string is carried twice, in the HTML and in the React payload.
const FACTS = "mt-2 grid grid-cols-1 gap-x-4 gap-y-1.5 text-xs [&>div]:min-w-0 [&_dt]:text-slate-500 [&_dd]:text-slate-800 [&_dd]:[overflow-wrap:anywhere]";

function Fact({ term, children, wide = false }: { term: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

// Cached Intl formatters rather than a luxon DateTime per value: on a long agenda building one per
// row (~0.1 ms each) was ~4 % of the meeting page's CPU.
export function plannedWindow(w: ChangeEssentials["window"], zone: string): string {
  const end = new Date(w.start.getTime() + w.minutes * 60_000);
  return `${formatDayTimeInZone(w.start, zone)}–${formatTimeInZone(end, zone)} (${w.minutes} min)`;
}

export function ChangeFacts({ e, requester, zone }: { e: ChangeEssentials; requester: string; zone: string }) {
  const r = e.readiness;
  return (
    <dl className={`${FACTS} sm:grid-cols-2 xl:grid-cols-4`}>
      <Fact term="Service">{e.serviceName}</Fact>
      <Fact term="Planned window">{plannedWindow(e.window, zone)}</Fact>
      <Fact term="On call">{e.onCallName ?? "nobody named"}</Fact>
      <Fact term="Requested by">{requester}</Fact>
      {r && (
        <Fact term="Readiness besides approval" wide>
          {r.missing.length === 0 ? (
            <span className="text-green-800">
              Ready{r.gatesRequired > 0 ? `: all ${r.gatesRequired} required test gates passed` : ""}
            </span>
          ) : (
            <span className="text-amber-800">
              {r.gatesRequired > 0 && `${r.gatesPassed} of ${r.gatesRequired} test gates passed. `}
              Missing: {r.missing.map((m) => m.message).join("; ")}
            </span>
          )}
        </Fact>
      )}
    </dl>
  );
}

function outcomeWords(d: NonNullable<ChangeEssentials["deployment"]>): string {
  if (!d.outcome) return `Deployment ${deploymentStateLabel(d.state).toLowerCase()}`;
  if (d.outcome === "SUCCEEDED") return d.kind === "ROLLBACK" ? "Rollback succeeded" : "Deployed successfully";
  if (d.outcome === "ROLLED_BACK") return `Rolled back${d.rollbackKind ? ` (${d.rollbackKind.toLowerCase()})` : ""}`;
  return `Deployment ${deploymentStateLabel(d.outcome).toLowerCase()}`;
}

export function RetroFacts({ e, requester, zone }: { e: ChangeEssentials; requester: string; zone: string }) {
  const at = (d: Date) => formatDayTimeInZone(d, zone);
  const d = e.deployment;
  return (
    <dl className={`${FACTS} sm:grid-cols-2`}>
      <Fact term="Verbal approval">
        {e.verbal ? (
          <>
            {e.verbal.by}, {at(e.verbal.at)}
            {e.verbal.said && <span className="block italic text-slate-700">“{e.verbal.said}”</span>}
          </>
        ) : (
          <span className="text-red-700">none recorded</span>
        )}
      </Fact>
      <Fact term="Outcome">
        {d ? (
          <a href={`/deployments/${d.id}`} className={`font-medium hover:underline ${d.outcome === "SUCCEEDED" ? "text-green-800" : d.outcome ? "text-red-700" : "text-slate-800"}`}>
            {outcomeWords(d)}
            {d.finishedAt ? `, ${at(d.finishedAt)}` : ""}
          </a>
        ) : (
          "not deployed"
        )}
      </Fact>
      <Fact term="Service">{e.serviceName}</Fact>
      <Fact term="Requested by">{requester}</Fact>
    </dl>
  );
}
