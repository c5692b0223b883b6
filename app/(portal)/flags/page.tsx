import { FlagFilters } from "@/components/flags/flag-filters";
import { FlagTable } from "@/components/flags/flag-table";
import { RegisterFlagForm } from "@/components/flags/register-flag-form";
import { Card } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { flagFormServices, listFlags } from "@/lib/server/flag-queries";
import { registerFlagAction } from "./actions";

export const metadata = { title: "Feature flags" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function FlagsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("/flags");
  const sp = await searchParams;
  const f = { q: one(sp.q), serviceId: one(sp.service), environment: one(sp.env), page: Number(one(sp.page)) || 1 };
  const [result, services] = await Promise.all([listFlags(f), flagFormServices()]);
  const hrefFor = (page: number) => `/flags?${new URLSearchParams({ ...(f.q && { q: f.q }), ...(f.serviceId && { service: f.serviceId }), ...(f.environment && { env: f.environment }), page: String(page) })}`;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Feature flags</h1>
        <p className="text-sm text-slate-600">
          Each flag lives in SSM Parameter Store at <span className="font-mono">/features/&lt;name&gt;</span>. Turning one on or widening it is a change request under the approval matrix; turning it off is the kill switch.
        </p>
      </div>
      <FlagFilters q={f.q} serviceId={f.serviceId} environment={f.environment} services={services} />
      <Card>
        <FlagTable rows={result.rows} />
      </Card>
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} hrefFor={hrefFor} />
      {can(actor, "change:create") && (
        <Card title="Register a flag">
          <RegisterFlagForm services={services} action={registerFlagAction} />
        </Card>
      )}
    </div>
  );
}
