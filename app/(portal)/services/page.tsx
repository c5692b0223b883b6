import Link from "next/link";
import { Card } from "@/components/ui/card";
import { CardLabels, cardTable } from "@/components/ui/card-table";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listDeployTargets } from "@/lib/server/service-versions";

export const metadata = { title: "Deployments" };

export default async function ServicesPage() {
  const actor = await requireActor("/services");
  const services = await listDeployTargets();
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Services and their aliases</h1>
        {can(actor, "admin:services") && (
          <Link className="text-sm text-indigo-700 hover:underline" href="/services/import">
            Import from a SAM template
          </Link>
        )}
      </div>
      <Card>
        <CardLabels name="services" labels={["Service", "Alias", "Team", "On call"]} />
        <table {...cardTable("services")} className="card-table w-full text-sm" aria-label="Services">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1">Service</th>
              <th>Alias</th>
              <th>Team</th>
              <th>On call</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.id} className="border-t border-slate-100">
                <td className="py-1.5">
                  <Link className="text-indigo-700 hover:underline" href={`/services/${s.id}`}>
                    {s.name}
                  </Link>
                </td>
                <td className="font-mono break-all">{s.functionName}:{s.alias}</td>
                <td>{s.team.name}</td>
                <td>{s.onCallUser?.name ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
