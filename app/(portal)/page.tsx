import Link from "next/link";
import { DeploymentRow } from "@/components/my-work/deployment-list";
import { SECTION_PREVIEW, sectionId, WorkRow, WorkSection } from "@/components/my-work/work-list";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { myWork } from "@/lib/server/my-work";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";

export const metadata = { title: "My work" };

// The page people land on after signing in: what awaits them, by the services' own rules.
export default async function MyWorkPage({ searchParams }: { searchParams: Promise<{ all?: string }> }) {
  const actor = await requireActor("/");
  const [w, zone, { all }] = await Promise.all([myWork(actor), viewerTimeZone(), searchParams]);
  const nothing = w.count === 0 && w.deployments.length + w.rollouts.length + w.rollbacks.length === 0;
  // Each section's first rows; the one asked for by "Show all" (?all=<its id>) whole.
  const first = <T,>(title: string, items: T[]) => (all === sectionId(title) ? items : items.slice(0, SECTION_PREVIEW));
  const section = (title: string, items: typeof w.votes, empty?: string) => (
    <WorkSection title={title} count={items.length} shown={first(title, items).length} empty={empty}>
      {first(title, items).map((i) => <WorkRow key={`${i.kind}:${i.cr.id}`} item={i} zone={zone} />)}
    </WorkSection>
  );
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
        {section("Votes awaiting you", w.votes, can(actor, "change:vote") && !nothing ? "No change awaits your CAB vote." : undefined)}
        {section("CTO sign-offs awaiting you", w.ctoSignOffs)}
        {section("Verbal approvals to record", w.verbal)}
        {section("Retrospective approvals due", w.retro)}
        {section("Confirm you are on call", w.onCall)}
        {section("Your changes sent back", w.sentBack)}
        <WorkSection title="Your approved changes" count={w.toDeploy.length} shown={first("Your approved changes", w.toDeploy).length}>
          {first("Your approved changes", w.toDeploy).map(({ item, readiness }) => (
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
