"use client";
import { useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { describeAlarm } from "@/lib/domain/sam/sam-alarms";
import type { SamPreview } from "@/lib/domain/sam/sam-proposal";
import { STRATEGY_LABELS } from "@/lib/domain/strategy-names";

export interface Choice {
  logicalId: string;
  name: string;
  team: string;
  onCallUserId?: string;
}

interface Props {
  preview: SamPreview;
  busy: boolean;
  fieldErrors?: Record<string, string>;
  onSave: (choices: Choice[]) => void;
}

const Fact = ({ label, children }: { label: string; children: ReactNode }) => (
  <>
    <dt className="text-slate-500">{label}</dt>
    <dd className="font-mono text-slate-900">{children}</dd>
  </>
);

/** One card per proposed function (name, team, on-call editable), the alarms, and what is left behind. */
export function SamProposalReview({ preview, busy, fieldErrors = {}, onSave }: Props) {
  const { proposal, registered, users, teams } = preview;
  const [choices, setChoices] = useState(() =>
    proposal.services.map((s) => ({ logicalId: s.logicalId, include: s.problems.length === 0 && !registered[s.logicalId], name: s.suggestedName, team: teams[0] ?? "", onCallUserId: "" })),
  );
  const update = (i: number, patch: Partial<(typeof choices)[number]>) => setChoices(choices.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const chosen = choices.filter((c) => c.include);
  return (
    <div className="space-y-4">
      {proposal.services.map((s, i) => {
        const c = choices[i]!;
        const blocked = s.problems.length > 0;
        const id = (f: string) => `${s.logicalId}-${f}`;
        return (
          <Card key={s.logicalId} title={<span>{s.logicalId} → <span className="font-mono">{s.functionName ?? "?"}:{s.alias ?? "?"}</span></span>}
            actions={registered[s.logicalId] ? <Badge tone="amber">{registered[s.logicalId]}</Badge> : blocked ? <Badge tone="red">Cannot be registered yet</Badge> : <Badge tone="green">Ready</Badge>}>
            <section aria-label={`Proposal for ${s.logicalId}`} className="space-y-3">
              <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1 text-sm">
                <Fact label="Function">{s.functionName ?? "unresolved"} <span className="font-sans text-xs text-slate-500">({s.functionNameSource})</span></Fact>
                <Fact label="Alias">{s.alias ?? "unresolved"}</Fact>
                <Fact label="Strategy">{s.strategy ? STRATEGY_LABELS[s.strategy] : "not mappable"}</Fact>
                <Fact label="Pre-traffic hook">{s.preTrafficHook ?? "none"}</Fact>
                <Fact label="Post-traffic hook">{s.postTrafficHook ?? "none"}</Fact>
                <Fact label="Alarm gates">{s.alarmNames.length ? s.alarmNames.join(", ") : "none"}</Fact>
              </dl>
              {blocked && <ul className="list-disc pl-5 text-sm text-red-700">{s.problems.map((p) => <li key={p}>{p}</li>)}</ul>}
              {fieldErrors[s.logicalId] && <p role="alert" className="text-sm text-red-600">{fieldErrors[s.logicalId]}</p>}
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={c.include} disabled={blocked} onChange={(e) => update(i, { include: e.target.checked })} /> Register {s.logicalId}
              </label>
              <div className="grid gap-3 sm:grid-cols-3">
                <Field label="Service name" htmlFor={id("name")} error={fieldErrors[`${s.logicalId}.name`]}>
                  <input id={id("name")} className={inputClass} value={c.name} onChange={(e) => update(i, { name: e.target.value })} />
                </Field>
                <Field label="Owner team" htmlFor={id("team")} error={fieldErrors[`${s.logicalId}.team`]} hint="A new team is created on first use.">
                  <input id={id("team")} list="sam-teams" className={inputClass} value={c.team} onChange={(e) => update(i, { team: e.target.value })} />
                </Field>
                <Field label="On call" htmlFor={id("oncall")} error={fieldErrors[`${s.logicalId}.onCallUserId`]}>
                  <select id={id("oncall")} className={inputClass} value={c.onCallUserId} onChange={(e) => update(i, { onCallUserId: e.target.value })}>
                    <option value="">Nobody yet</option>
                    {users.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
                  </select>
                </Field>
              </div>
              {s.notes.length > 0 && <ul className="text-xs text-slate-500">{s.notes.map((n) => <li key={n}>{n}</li>)}</ul>}
            </section>
          </Card>
        );
      })}
      <datalist id="sam-teams">{teams.map((t) => <option key={t} value={t} />)}</datalist>
      <Card title="Alarms in the template">
        <table className="w-full text-sm" aria-label="Template alarms">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr><th className="py-1">Alarm</th><th>Name watched</th><th>Condition</th><th>Dimensions</th></tr>
          </thead>
          <tbody>
            {proposal.alarms.map((a) => (
              <tr key={a.logicalId} className="border-t border-slate-100 align-top">
                <td className="py-1.5 font-mono">{a.logicalId}</td>
                <td>{a.name ? <span className="font-mono">{a.name}</span> : <span className="text-red-700">{a.nameSource}</span>}</td>
                <td>{describeAlarm(a)}</td>
                <td className="font-mono text-xs">{a.dimensions.join(", ") || "—"}</td>
              </tr>
            ))}
            {proposal.alarms.length === 0 && <tr><td colSpan={4} className="py-1.5 text-slate-500">No AWS::CloudWatch::Alarm in the template.</td></tr>}
          </tbody>
        </table>
      </Card>
      <Card title="Not imported">
        <ul aria-label="Not imported" className="list-disc space-y-0.5 pl-5 text-sm text-slate-700">
          {proposal.notImported.map((n) => <li key={n}>{n}</li>)}
          {proposal.notImported.length === 0 && <li className="list-none text-slate-500">Everything in the template was mapped.</li>}
        </ul>
      </Card>
      <Button type="button" disabled={busy || chosen.length === 0} onClick={() => onSave(chosen.map(({ logicalId, name, team, onCallUserId }) => ({ logicalId, name, team, onCallUserId: onCallUserId || undefined })))}>
        Register {chosen.length} {chosen.length === 1 ? "service" : "services"}
      </Button>
    </div>
  );
}
