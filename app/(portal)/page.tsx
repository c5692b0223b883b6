import Link from "next/link";
import { DeploymentRow } from "@/components/my-work/deployment-list";
import { WorkRow, WorkSection } from "@/components/my-work/work-list";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { myWork } from "@/lib/server/my-work";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";

export const metadata = { title: "My work" };

// The page people land on after signing in: what awaits them, by the services' own rules.
export default async function MyWorkPage() {
  const actor = await requireActor("/");
  const [w, zone] = await Promise.all([myWork(actor), viewerTimeZone()]);
  const nothing = w.count === 0 && w.deployments.length + w.rollouts.length + w.rollbacks.length === 0;
  const rows = (items: typeof w.votes) => items.map((i) => <WorkRow key={`${i.kind}:${i.cr.id}`} item={i} zone={zone} />);
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">My work</h1>
          <p className="text-sm text-slate-600">
            {w.count === 0 ? "Nothing awaits you." : `${w.count} ${w.count === 1 ? "thing awaits" : "things await"} you.`}
          </p>
        </div>
        {can(actor, "change:create") && (
          <Link href="/changes/new" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">New change request</Link>
        )}
      </header>
      {nothing && <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">No votes, sign-offs or changes of yours need anything now. <Link className="text-indigo-700 underline" href="/changes">See all changes</Link>.</p>}
      <div className="grid gap-4 lg:grid-cols-2">
        <WorkSection title="Votes awaiting you" count={w.votes.length} empty={can(actor, "change:vote") && !nothing ? "No change awaits your CAB vote." : undefined}>{rows(w.votes)}</WorkSection>
        <WorkSection title="CTO sign-offs awaiting you" count={w.ctoSignOffs.length}>{rows(w.ctoSignOffs)}</WorkSection>
        <WorkSection title="Verbal approvals to record" count={w.verbal.length}>{rows(w.verbal)}</WorkSection>
        <WorkSection title="Retrospective approvals due" count={w.retro.length}>{rows(w.retro)}</WorkSection>
        <WorkSection title="Confirm you are on call" count={w.onCall.length}>{rows(w.onCall)}</WorkSection>
        <WorkSection title="Your changes sent back" count={w.sentBack.length}>{rows(w.sentBack)}</WorkSection>
        <WorkSection title="Your approved changes" count={w.toDeploy.length}>
          {w.toDeploy.map(({ item, readiness }) => (
            <WorkRow key={item.cr.id} item={item} zone={zone}
              extra={readiness.ready
                ? <p className="font-medium text-green-700">Ready to deploy</p>
                : <ul className="list-disc pl-5 text-amber-800" aria-label="Still missing">{readiness.missing.map((m, i) => <li key={i}>{m.message}</li>)}</ul>} />
          ))}
        </WorkSection>
        <WorkSection title="Your live deployments" count={w.deployments.length}>{w.deployments.map((d) => <DeploymentRow key={d.id} d={d} zone={zone} />)}</WorkSection>
        <WorkSection title="Your flag rollouts" count={w.rollouts.length}>{w.rollouts.map((d) => <DeploymentRow key={d.id} d={d} zone={zone} />)}</WorkSection>
        <WorkSection title="Recent rollbacks of your changes" count={w.rollbacks.length}>{w.rollbacks.map((d) => <DeploymentRow key={d.id} d={d} zone={zone} />)}</WorkSection>
      </div>
    </div>
  );
}
