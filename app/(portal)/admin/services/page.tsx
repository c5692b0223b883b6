import { ServiceAdmin } from "@/components/admin/service-admin";
import { requirePagePermission } from "@/lib/auth/session";
import { listServicesForAdmin } from "@/lib/server/manage-services";
import { saveServiceAction } from "../actions";

export const metadata = { title: "Services" };

export default async function ServicesPage() {
  const actor = await requirePagePermission("admin:services", "/admin/services");
  const { services, users } = await listServicesForAdmin(actor);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Service registry</h1>
      <p className="text-sm text-slate-600">Deployable services: a Lambda function alias that Changegate shifts traffic on, or an ECS service it updates by rolling deployment with the configuration given here.</p>
      <ServiceAdmin services={services} users={users} save={saveServiceAction} />
    </div>
  );
}
