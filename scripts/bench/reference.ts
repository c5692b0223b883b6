// The bench's reference app (scripts/bench/reference-app): copied to .data/bench-reference and built
// there with the portal's own next and react (node resolves them from the repo's node_modules), once:
// again only when its source or those versions change. Served like the portal (scripts/serve.mjs,
// the same number of web workers), so the two differ only in what the app itself does.
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../lib/app-env";
import { bin, runToCompletion, startChild } from "../lib/processes";

const SOURCE = path.join(ROOT, "scripts", "bench", "reference-app");
export const REFERENCE_DIR = path.join(ROOT, ".data", "bench-reference");
const STAMP = path.join(REFERENCE_DIR, ".source-stamp");

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/** What the build depends on: the source files' contents and the framework's versions. */
function stamp(): string {
  const hash = createHash("sha256");
  for (const f of files(SOURCE)) hash.update(path.relative(SOURCE, f)).update(readFileSync(f));
  for (const pkg of ["next", "react", "react-dom"]) hash.update(readFileSync(path.join(ROOT, "node_modules", pkg, "package.json")));
  return hash.digest("hex");
}

export async function buildReferenceIfStale(): Promise<void> {
  const want = stamp();
  if (existsSync(path.join(REFERENCE_DIR, ".next", "BUILD_ID")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === want) return;
  console.log("Building the reference app (next build) …");
  rmSync(REFERENCE_DIR, { recursive: true, force: true });
  cpSync(SOURCE, REFERENCE_DIR, { recursive: true });
  // Not the portal's NEXT_DIST_DIR: the reference's build lives in its own folder.
  const { NEXT_DIST_DIR: _dist, ...env } = process.env;
  const code = await runToCompletion(bin("next"), ["build", REFERENCE_DIR], { ...env, NEXT_TELEMETRY_DISABLED: "1" });
  if (code !== 0) throw new Error("next build of the reference app failed; see the output above.");
  writeFileSync(STAMP, want);
}

/** Starts the reference app in production mode on the port; the caller waits for it to answer. */
export function startReference(port: number) {
  const { NEXT_DIST_DIR: _dist, ...env } = process.env;
  return startChild("Reference app", process.execPath, ["scripts/serve.mjs", "--port", String(port), "--dir", REFERENCE_DIR], { ...env, NEXT_TELEMETRY_DISABLED: "1" }, { quiet: true });
}
