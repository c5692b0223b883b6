"use client";
// Fault injection for demos: per version (error rate, latency, throttling, hook failure) and on the
// control plane (UpdateAlias throttled or failing), plus what is active now.
import type { ActionResult } from "@/lib/action-result";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";

type Act = (f: FormData) => Promise<ActionResult<unknown>>;
export interface PanelFunction {
  name: string;
  versions: string[];
  aliases: { name: string; functionVersion: string; weights: Record<string, number> }[];
}

const input = "rounded border border-slate-300 px-2 py-1 text-sm";

export function SandboxPanel({ functions, faults, controlFaults, actions }: { functions: PanelFunction[]; faults: string[]; controlFaults: string[]; actions: { version: Act; control: Act; clear: Act } }) {
  return (
    <div className="space-y-5">
      <ActionForm action={actions.version} label="Version fault" className="space-y-2" success="Fault injected">
        <h2 className="font-semibold">Fault on a version</h2>
        <div className="flex flex-wrap items-end gap-3 text-sm">
          <label className="flex flex-col">Function / version
            <select name="fnVersion" className={input} onChange={(e) => {
              const [fn, v] = e.target.value.split("@");
              const form = e.target.form!;
              (form.elements.namedItem("functionName") as HTMLInputElement).value = fn ?? "";
              (form.elements.namedItem("version") as HTMLInputElement).value = v ?? "";
            }}>
              <option value="">Choose…</option>
              {functions.flatMap((f) => f.versions.map((v) => <option key={`${f.name}@${v}`} value={`${f.name}@${v}`}>{f.name} v{v}</option>))}
            </select>
          </label>
          <input type="hidden" name="functionName" />
          <input type="hidden" name="version" />
          <label className="flex flex-col">Error rate %<input name="errorRatePct" type="number" step="0.1" min="0" max="100" className={input} /></label>
          <label className="flex flex-col">Added latency ms<input name="addedLatencyMs" type="number" min="0" className={input} /></label>
          <label className="flex flex-col">Throttle rate %<input name="throttleRatePct" type="number" step="0.1" min="0" max="100" className={input} /></label>
          <label className="flex flex-col">Hook failure
            <select name="hookFailure" className={input}>
              <option value="">none</option>
              <option value="PRE_TRAFFIC">pre-traffic</option>
              <option value="POST_TRAFFIC">post-traffic</option>
              <option value="BOTH">both</option>
            </select>
          </label>
          <Button type="submit">Inject</Button>
        </div>
      </ActionForm>
      <ActionForm action={actions.control} label="Control-plane fault" className="space-y-2" success="Control-plane fault armed">
        <h2 className="font-semibold">Control-plane fault (UpdateAlias)</h2>
        <div className="flex flex-wrap items-end gap-3 text-sm">
          <label className="flex flex-col">Kind
            <select name="kind" className={input}>
              <option value="THROTTLE">throttle (429)</option>
              <option value="SERVER_ERROR">server error (500)</option>
              <option value="SERVER_ERROR_AFTER_COMMIT">500 after applying</option>
            </select>
          </label>
          <label className="flex flex-col">Next N calls<input name="count" type="number" min="1" max="1000" defaultValue={3} className={input} /></label>
          <label className="flex flex-col">Function (optional)
            <select name="functionName" className={input}>
              <option value="">any</option>
              {functions.map((f) => <option key={f.name} value={f.name}>{f.name}</option>)}
            </select>
          </label>
          <Button type="submit">Arm</Button>
        </div>
      </ActionForm>
      <div>
        <h2 className="font-semibold">Active</h2>
        <ul className="list-disc pl-5 text-sm" aria-label="Active faults">
          {[...faults, ...controlFaults].map((f) => <li key={f}>{f}</li>)}
          {faults.length + controlFaults.length === 0 && <li className="list-none text-slate-500">No faults.</li>}
        </ul>
        <ActionForm action={actions.clear} label="Clear faults" className="mt-2"><Button variant="secondary" type="submit">Clear all faults</Button></ActionForm>
      </div>
      <div>
        <h2 className="font-semibold">Aliases</h2>
        <ul className="text-sm">
          {functions.flatMap((f) => f.aliases.map((a) => (
            <li key={f.name + a.name} className="font-mono">{f.name}:{a.name} → v{a.functionVersion}{Object.entries(a.weights).map(([v, w]) => ` + v${v} ${Math.round(w * 100)} %`).join("")}</li>
          )))}
        </ul>
      </div>
    </div>
  );
}
