// Development aid while nothing has shipped: rewrites the initial migration from schema.prisma,
// keeping the hand-written SQL (extensions, the audit trigger) that Prisma cannot express.
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { prisma } from "./prisma-cli";
import { ensureDatabase, startDatabaseServer } from "./database";

const dir = path.resolve(import.meta.dirname, "../../prisma/migrations");
const init = readdirSync(dir).find((d) => d.endsWith("_init"));
if (!init) throw new Error("no init migration");
const file = path.join(dir, init, "migration.sql");
const current = readFileSync(file, "utf8");
const marker = "-- The audit trail is append-only";
const tail = current.slice(current.indexOf(marker));
const head = "-- Trigram search on CR summaries.\nCREATE EXTENSION IF NOT EXISTS pg_trgm;\n\n";
const server = await startDatabaseServer();
const url = await ensureDatabase(server, "changegate_dev");
const generated = prisma(
  ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  url,
  { quiet: true },
)
  .split("\n")
  .filter((l) => !l.startsWith("Loaded Prisma config") && !l.startsWith("Prisma config detected"))
  .join("\n")
  .trim();
writeFileSync(file, `${head}${generated}\n\n${tail}`);
console.log(`rewrote ${file}`);
process.exit(0);
