import { PolicyEditor } from "@/components/admin/policy-editor";
import { PolicyView } from "@/components/admin/policy-view";
import { Card } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/session";
import { formatInZone } from "@/lib/domain/local-time";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { getActivePolicy, listPolicyVersions } from "@/lib/server/policy-store";
import { savePolicyAction } from "./actions";

export const metadata = { title: "Approval policy" };

export default async function PolicyPage() {
  await requirePagePermission("admin:policy", "/admin/policy");
  const active = await getActivePolicy();
  const versions = await listPolicyVersions();
  const zone = await viewerTimeZone();
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Approval policy</h1>
        <p className="text-sm text-slate-600">
          Version {active.version} is in force. Each change request is judged by the version in force when it was submitted.
        </p>
      </div>
      <Card title={`Policy v${active.version}`}>
        <PolicyView policy={active.policy} />
      </Card>
      <div className="grid gap-5 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title="Edit">
            <PolicyEditor initial={JSON.stringify(active.policy, null, 2)} save={savePolicyAction} />
          </Card>
        </div>
        <Card title="Versions">
          <ol className="space-y-2 text-sm" aria-label="Policy versions">
            {versions.map((v) => (
              <li key={v.id}>
                <span className="font-medium">v{v.version}</span> · {formatInZone(v.createdAt, zone)} · {v.createdBy}
                <span className="block text-xs text-slate-500">
                  {v.note ?? "no note"} · judges {v.changes} change{v.changes === 1 ? "" : "s"}
                </span>
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </div>
  );
}
