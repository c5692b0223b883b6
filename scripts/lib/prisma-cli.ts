// Runs the Prisma CLI against a given database (Prisma does not read .env when a config file exists).
import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PRISMA = path.join(ROOT, "node_modules", ".bin", "prisma");

export function prisma(args: string[], databaseUrl: string, opts: { quiet?: boolean } = {}): string {
  const result = spawnSync(PRISMA, args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.status !== 0) {
    throw new Error(`prisma ${args.join(" ")} failed (exit ${result.status}):\n${output}`);
  }
  if (!opts.quiet) process.stdout.write(output);
  return output;
}

export function migrateDeploy(databaseUrl: string, opts: { quiet?: boolean } = {}): string {
  return prisma(["migrate", "deploy"], databaseUrl, opts);
}
