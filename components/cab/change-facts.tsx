// The change's essentials inline on the agenda, so a member judges it without leaving the meeting:
// service, planned window, on-call, requester and what besides approval still stands between it and a
// deploy; for an emergency change, the verbal approval it went out on and how its deployment ended.
import { DateTime } from "luxon";
import type { ReactNode } from "react";
import { deploymentStateLabel } from "@/lib/domain/vocabulary";
import type { ChangeEssentials } from "@/lib/domain/cab-essentials";

function Fact({ term, children, wide = false }: { term: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={`min-w-0 ${wide ? "sm:col-span-2" : ""}`}>
      <dt className="text-slate-500">{term}</dt>
      <dd className="text-slate-800 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

export function plannedWindow(w: ChangeEssentials["window"], zone: string): string {
  const start = DateTime.fromJSDate(w.start, { zone });
  return `${start.toFormat("ccc d LLL, HH:mm")}–${start.plus({ minutes: w.minutes }).toFormat("HH:mm")} (${w.minutes} min)`;
}

export function ChangeFacts({ e, requester, zone }: { e: ChangeEssentials; requester: string; zone: string }) {
  const r = e.readiness;
  return (
    <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1.5 text-xs sm:grid-cols-2 xl:grid-cols-4">
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
  const at = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat("ccc d LLL, HH:mm");
  const d = e.deployment;
  return (
    <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1.5 text-xs sm:grid-cols-2">
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
