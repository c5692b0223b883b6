"use client";
// "Propose a change" on a flag page: the target (on, percentage, allowlist) and, for a widening, the
// guarded rollout plan. Checked here with the same schema the server parses with, so a bad value is
// named at its field before anything is sent; the server's answer is mapped onto the same fields.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { describeFlag, flagTargetSchema, type FlagConfig } from "@/lib/domain/flag-config";
import { DEFAULT_HOLD_MINUTES, defaultRolloutPercentages, formFieldOf, isWidening, splitIds, targetFromFields } from "@/lib/domain/flag-plan";
import { changePath } from "@/lib/domain/cr-number";

type Errors = Record<string, string>;

export function ProposeFlagForm({
  flagId,
  current,
  integerPercentages,
  action,
}: {
  flagId: string;
  current: FlagConfig;
  integerPercentages: boolean;
  action: (form: FormData) => Promise<ActionResult<{ id: string; number: string }>>;
}) {
  const router = useRouter();
  const [enabled, setEnabled] = useState(true);
  const [percentage, setPercentage] = useState("100");
  const [allowlist, setAllowlist] = useState(current.allowlist.join("\n"));
  const [plan, setPlan] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [filed, setFiled] = useState<{ id: string; number: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const pct = Number(percentage);
  const to: FlagConfig = { enabled, percentage: Number.isFinite(pct) ? pct : current.percentage, allowlist: splitIds(allowlist) };
  const widening = isWidening(current, to);
  // An out-of-range percentage is named at its own field; the default plan stays within 0–100.
  const planText = plan ?? defaultRolloutPercentages(current, Math.min(100, Math.max(0, to.percentage))).join(", ");

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const fields = { enabled, percentage, allowlist, plan: widening ? planText : undefined, holdMinutes: String(form.get("holdMinutes") ?? "") };
    const found: Errors = {};
    const parsed = flagTargetSchema(integerPercentages).safeParse(targetFromFields(fields));
    if (!parsed.success) for (const i of parsed.error.issues) found[formFieldOf(i.path.join("."))] ??= i.message;
    if (String(form.get("justification") ?? "").trim().length < 3) found.justification = "Say why the flag should change";
    // With the target itself wrong, the untouched default plan's "must end at the target" only repeats it.
    if (found.percentage && plan === null) delete found.plan;
    if (!enabled) found.enabled = "Turning a flag off is the kill switch, below: it needs no approval.";
    setErrors(found);
    setMessage(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const r = await action(form);
    setBusy(false);
    if (!r.ok) {
      const mapped: Errors = {};
      for (const [k, v] of Object.entries(r.error.fields ?? {})) mapped[formFieldOf(k)] ??= v;
      setErrors(mapped);
      setMessage(r.error.message);
      return;
    }
    setFiled(r.data);
    router.refresh();
  }

  const err = (name: string) => errors[name];
  return (
    <form onSubmit={submit} aria-label="Propose a flag change" className="space-y-3" noValidate>
      <input type="hidden" name="flagId" value={flagId} />
      <p className="text-sm text-slate-600">
        Now <strong>{describeFlag(current)}</strong>. Proposed: <strong>{describeFlag(to)}</strong>
        {widening ? " — a widening: it rolls out in steps while the service's gates watch." : enabled ? " — not wider than now: published at once once approved." : "."}
      </p>
      <div className="grid gap-3 md:grid-cols-3">
        <Field label="State" htmlFor="pf-enabled" error={err("enabled")}>
          <label className="flex items-center gap-2 text-sm">
            <input id="pf-enabled" name="enabled" type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> On
          </label>
        </Field>
        <Field label="Percentage of users" htmlFor="pf-percentage" error={err("percentage")} hint={integerPercentages ? "Whole numbers 0–100" : "0–100, up to two decimals"}>
          <input id="pf-percentage" name="percentage" inputMode="decimal" className={inputClass} aria-invalid={Boolean(err("percentage"))} value={percentage} onChange={(e) => setPercentage(e.target.value)} />
        </Field>
        <Field label="Allowlist" htmlFor="pf-allowlist" error={err("allowlist")} hint="Ids always in while the flag is on; one per line">
          <textarea id="pf-allowlist" name="allowlist" rows={2} className={inputClass} aria-invalid={Boolean(err("allowlist"))} value={allowlist} onChange={(e) => setAllowlist(e.target.value)} />
        </Field>
      </div>
      {widening && (
        <div className="grid gap-3 rounded-md border border-slate-200 bg-slate-50 p-3 md:grid-cols-3">
          <Field label="Rollout plan (percentages)" htmlFor="pf-plan" error={err("plan")} hint="Rising steps ending at the target" className="md:col-span-2">
            <input id="pf-plan" name="plan" className={inputClass} aria-invalid={Boolean(err("plan"))} value={planText} onChange={(e) => setPlan(e.target.value)} />
          </Field>
          <Field label="Hold each step (minutes)" htmlFor="pf-hold" error={err("holdMinutes")} hint="The gates watch each step this long">
            <input id="pf-hold" name="holdMinutes" inputMode="numeric" className={inputClass} defaultValue={String(DEFAULT_HOLD_MINUTES)} />
          </Field>
        </div>
      )}
      <Field label="Why" htmlFor="pf-justification" error={err("justification")}>
        <textarea id="pf-justification" name="justification" rows={2} className={inputClass} aria-invalid={Boolean(err("justification"))} placeholder="What this change is for and how you will judge it" />
      </Field>
      <Field label="Summary (optional)" htmlFor="pf-summary" error={err("summary")}>
        <input id="pf-summary" name="summary" className={inputClass} placeholder="Defaults to “Flag <name>: now → proposed”" />
      </Field>
      <Button type="submit" disabled={busy}>{busy ? "Filing…" : "Propose change"}</Button>
      {message && <Alert tone="error">{message}</Alert>}
      {filed && (
        <Alert tone="success">
          Filed <Link className="font-mono underline" href={changePath(filed.number)}>{filed.number}</Link>. Open it to follow its approvals and apply it.
        </Alert>
      )}
    </form>
  );
}
