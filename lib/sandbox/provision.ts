// Creating a function the way a team's pipeline would have: code published as N versions, an alias
// carrying traffic, and the pre/post-traffic hook functions beside it.
import type { z } from "zod";
import type { createFunctionSchema } from "./control-contract";
import type { SandboxStore } from "./store";
import type { SandboxFunction, VersionBehavior } from "./types";

export type ProvisionInput = z.output<typeof createFunctionSchema> & {
  /** Per-version descriptions/behaviors, oldest first; missing entries use the defaults. */
  perVersion?: { description?: string; behavior?: Partial<VersionBehavior> }[];
  /** Simulated ms the alias has existed since (so a demo has history to chart). */
  aliasSince?: number;
};

export function provisionFunction(store: SandboxStore, input: ProvisionInput): SandboxFunction {
  return store.change(() => {
    const behavior: Partial<VersionBehavior> = {};
    if (input.medianLatencyMs !== undefined) behavior.medianLatencyMs = input.medianLatencyMs;
    if (input.errorRate !== undefined) behavior.errorRate = input.errorRate;
    store.createFunction({ name: input.name, description: input.description, behavior });
    for (let i = 0; i < input.versions; i++) {
      const spec = input.perVersion?.[i];
      if (i > 0 || spec) {
        store.updateCode(input.name, { description: spec?.description ?? `Release ${i + 1}`, behavior: spec?.behavior });
      }
      store.publishVersion("us-east-1", input.name, {});
    }
    const fn = store.fn("us-east-1", input.name);
    if (input.alias) {
      const target = input.aliasVersion ?? fn.versions.at(-1)?.version ?? "$LATEST";
      store.createAlias("us-east-1", input.name, {
        alias: input.alias,
        functionVersion: target,
        requestRate: input.requestRate,
        since: input.aliasSince,
      });
    }
    if (input.hooks) {
      for (const phase of ["pre", "post"]) {
        const hook = `${input.name}-${phase}-traffic`;
        if (!store.state.functions[hook]) {
          store.createFunction({ name: hook, description: `${phase === "pre" ? "Pre" : "Post"}-traffic hook for ${input.name}` });
        }
      }
    }
    return fn;
  });
}
