"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { ConfirmAction } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/action-result";
import { CardLabels, cardTable } from "@/components/ui/card-table";
import { DEFAULT_TOKEN_EXPIRY, TOKEN_EXPIRY_CHOICES, TOKEN_EXPIRY_LABELS } from "@/lib/domain/token-expiry";
import { CopyButton } from "./copy-button";

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  services: string[];
  createdAt: string;
  lastUsedAt: string | null;
  /** When it stops working, in words; null: never. */
  expires: string | null;
  expired: boolean;
  revoked: boolean;
}
type Create = (form: FormData) => Promise<ActionResult<{ name: string; plain: string; expires: string | null }>>;
type Revoke = (form: FormData) => Promise<ActionResult<unknown>>;

export function TokenAdmin({ tokens, services, create, revoke }: { tokens: TokenRow[]; services: { id: string; name: string }[]; create: Create; revoke: Revoke }) {
  const router = useRouter();
  const [created, setCreated] = useState<{ name: string; plain: string; expires: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-5">
      <form
        aria-label="Create a CI token"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const result = await create(new FormData(form));
          if (result.ok) {
            setCreated(result.data);
            setError(null);
            form.reset();
            router.refresh();
          } else setError(result.error.message);
        }}
      >
        <h2 className="text-sm font-semibold">Create a CI token</h2>
        <Field label="Name" htmlFor="token-name">
          <input id="token-name" name="name" placeholder="checkout-api GitHub Actions" className={inputClass} />
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Services it may act on</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {services.map((s) => (
              <label key={s.id} className="flex items-center gap-1 text-sm">
                <input type="checkbox" name="serviceIds" value={s.id} /> {s.name}
              </label>
            ))}
          </div>
        </fieldset>
        <Field label="Expires after" htmlFor="token-expiry" hint="Pipelines using it get a 401 saying it expired from then on; create a new one before.">
          <select id="token-expiry" name="expiresInDays" defaultValue={DEFAULT_TOKEN_EXPIRY} className={`${inputClass} max-w-64`}>
            {TOKEN_EXPIRY_CHOICES.map((c) => (
              <option key={c} value={c}>
                {TOKEN_EXPIRY_LABELS[c]}
              </option>
            ))}
          </select>
        </Field>
        {error && <Alert tone="error">{error}</Alert>}
        <Button type="submit">Create token</Button>
      </form>
      {created && (
        <Alert tone="warning">
          Token <strong>{created.name}</strong> ({created.expires ? `expires ${created.expires}` : "never expires"}) — copy it now; it will not be shown again:
          <span className="mt-1 flex flex-wrap items-center gap-2">
            <code data-testid="new-token" className="block min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs">{created.plain}</code>
            <CopyButton value={created.plain} label="Copy token" />
          </span>
        </Alert>
      )}
      {tokens.length === 0 && <p className="text-sm text-slate-600">No tokens yet.</p>}
      <CardLabels name="tokens" labels={["Name", "Prefix", "Services", "Created", "Expires", "Last used", ""]} />
      <table {...cardTable("tokens")} aria-label="API tokens" hidden={tokens.length === 0} className="card-table min-w-full rounded-lg border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
          <tr><th className="px-3 py-2">Name</th><th className="px-3 py-2">Prefix</th><th className="px-3 py-2">Services</th><th className="px-3 py-2">Created</th><th className="px-3 py-2">Expires</th><th className="px-3 py-2">Last used</th><th className="px-3 py-2"><span className="sr-only">Action</span></th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tokens.map((t) => (
            <tr key={t.id}>
              <td className="px-3 py-2">{t.name}</td>
              <td className="px-3 py-2 font-mono text-xs">{t.prefix}…</td>
              <td className="px-3 py-2">{t.services.join(", ")}</td>
              <td className="px-3 py-2 text-xs">{t.createdAt}</td>
              <td className="px-3 py-2 text-xs">
                {t.expired && !t.revoked ? <Badge tone="amber">expired {t.expires}</Badge> : (t.expires ?? "never")}
              </td>
              <td className="px-3 py-2 text-xs">{t.lastUsedAt ?? "never"}</td>
              <td className="px-3 py-2 text-right">
                {t.revoked ? (
                  <Badge tone="red">revoked</Badge>
                ) : (
                  <ConfirmAction
                    action={revoke}
                    fields={{ id: t.id }}
                    trigger="Revoke"
                    triggerLabel={`Revoke ${t.name}`}
                    text={{
                      title: `Revoke token ${t.name}?`,
                      body: (
                        <>
                          Pipelines using <strong>{t.name}</strong> ({t.prefix}…) get a 401 from their next call on
                          {t.services.length > 0 && <> and can no longer act on {t.services.join(", ")}</>}. A revoked token cannot be restored; create a new one if needed.
                        </>
                      ),
                      confirm: "Revoke token",
                    }}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
