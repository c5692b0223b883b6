// `next build` when the app has no build yet or its sources changed since the last one.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./app-env";
import { bin, runToCompletion } from "./processes";

const SOURCES = ["app", "components", "lib", "proxy.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs"];

function newestMtime(p: string): number {
  const full = path.join(ROOT, p);
  if (!existsSync(full)) return 0;
  const st = statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((child) => newestMtime(path.join(p, child))));
}

export async function buildIfStale(env: NodeJS.ProcessEnv): Promise<void> {
  const buildId = path.join(ROOT, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...SOURCES.map(newestMtime))) return;
  console.log("Building the portal (next build) …");
  const code = await runToCompletion(bin("next"), ["build"], { ...env, NEXT_TELEMETRY_DISABLED: "1" });
  if (code !== 0) throw new Error("next build failed; see the output above.");
}
