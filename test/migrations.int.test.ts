// Prisma Migrate against the real server: the migrations build the schema from nothing, applying
// them again changes nothing, and they describe exactly what schema.prisma says (no drift).
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { migrateDeploy, prisma } from "../scripts/lib/prisma-cli";
import { scaled } from "./timeouts";

// Each test runs the Prisma CLI (a Node process with a WebAssembly engine) once or twice: seconds on
// an idle machine, a minute and more beside a CPU-bound neighbour.
const CLI_TIMEOUT = scaled(180_000);

const adminUrl = inject("dbAdminUrl");
const name = `cg_migrate_${process.pid}_${Date.now().toString(36)}`;
const url = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
})();

async function sql<T extends pg.QueryResultRow>(target: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  await sql(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

describe("migrations", () => {
  it("apply to an empty database, and re-running is a no-op", async () => {
    await sql(adminUrl, `CREATE DATABASE "${name}"`);
    const first = migrateDeploy(url, { quiet: true });
    expect(first).toMatch(/successfully applied/);
    const tables = await sql<{ table_name: string }>(
      url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["ChangeRequest", "AuditEvent", "User"]));
    const applied = await sql<{ n: string }>(url, `SELECT count(*) AS n FROM _prisma_migrations`);
    const second = migrateDeploy(url, { quiet: true });
    expect(second).toMatch(/No pending migrations to apply/);
    const again = await sql<{ n: string }>(url, `SELECT count(*) AS n FROM _prisma_migrations`);
    expect(again[0]!.n).toBe(applied[0]!.n);
  }, CLI_TIMEOUT);

  it("have no drift from schema.prisma", () => {
    const out = prisma(
      [
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--exit-code",
      ],
      url,
      { quiet: true },
    );
    expect(out).toMatch(/No difference detected/);
  }, CLI_TIMEOUT);

  it("report the database up to date", () => {
    expect(prisma(["migrate", "status"], url, { quiet: true })).toMatch(/Database schema is up to date/);
  }, CLI_TIMEOUT);
});
