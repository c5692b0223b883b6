import { TokenAdmin } from "@/components/admin/token-admin";
import { requirePagePermission } from "@/lib/auth/session";
import { formatInZone } from "@/lib/domain/local-time";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { isTokenExpired } from "@/lib/domain/token-expiry";
import { listApiTokens } from "@/lib/server/api-tokens";
import { createTokenAction, revokeTokenAction } from "../ci-actions";

export const metadata = { title: "CI tokens" };

export default async function TokensPage() {
  const actor = await requirePagePermission("admin:tokens", "/admin/tokens");
  const [{ tokens, services }, zone] = await Promise.all([listApiTokens(actor), viewerTimeZone()]);
  const fmt = (d: Date | null) => (d ? formatInZone(d, zone) : null);
  const now = new Date();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">CI tokens</h1>
      <p className="text-sm text-slate-600">
        Pipelines call <code>/api/v1</code> with <code>Authorization: Bearer &lt;token&gt;</code>: open Low-risk changes, report gate results, ask whether a change may deploy. A token acts only on the services it is scoped to.
      </p>
      <TokenAdmin
        tokens={tokens.map((t) => ({ id: t.id, name: t.name, prefix: t.prefix, services: t.services, createdAt: fmt(t.createdAt)!, lastUsedAt: fmt(t.lastUsedAt), expires: fmt(t.expiresAt), expired: isTokenExpired(t.expiresAt, now), revoked: !!t.revokedAt }))}
        services={services}
        create={createTokenAction}
        revoke={revokeTokenAction}
      />
    </div>
  );
}
