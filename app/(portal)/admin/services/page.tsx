import Link from "next/link";
import { ServiceAdmin } from "@/components/admin/service-admin";
import { requirePagePermission } from "@/lib/auth/session";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { listServicesForAdmin } from "@/lib/server/manage-services";
import { alarmStatesFor } from "@/lib/server/service-alarms";
import { saveServiceAction } from "../actions";

export const metadata = { title: "Services" };

export default async function ServicesPage() {
  const actor = await requirePagePermission("admin:services", "/admin/services");
  const { services, users } = await listServicesForAdmin(actor);
  const [alarms, zone] = await Promise.all([alarmStatesFor(services), viewerTimeZone()]);
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Service registry</h1>
        <Link className="text-sm text-indigo-700 hover:underline" href="/services/import">Import from a SAM template</Link>
      </div>
      <p className="text-sm text-slate-600">Deployable services: a Lambda function alias that Changegate shifts traffic on, or an ECS service it updates by rolling deployment with the configuration given here.</p>
      <ServiceAdmin services={services} users={users} save={saveServiceAction} alarms={alarms.byService} alarmsError={alarms.error} zone={zone} />
    </div>
  );
}
