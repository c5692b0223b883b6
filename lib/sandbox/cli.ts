// Runs the sandbox on its own: `npx tsx lib/sandbox/cli.ts --port 4566 --scale 60 --state .data/sandbox.json --demo [--start <ISO time>]`.
import { parseArgs } from "node:util";
import { startSandbox } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4566" },
    scale: { type: "string" },
    state: { type: "string" },
    demo: { type: "boolean", default: false },
    // Where a fresh clock starts (ISO); a restored state keeps its own. The demo seed replays weeks
    // of history from there and then brings the clock to the present.
    start: { type: "string" },
  },
});

const sandbox = await startSandbox({
  port: Number(values.port),
  timeScale: values.scale === undefined ? undefined : Number(values.scale),
  stateFile: values.state,
  seedDemo: values.demo,
  startTime: values.start === undefined ? undefined : new Date(values.start),
});
console.log(`AWS sandbox listening on ${sandbox.url} (control API: ${sandbox.url}/_sandbox/state)`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
