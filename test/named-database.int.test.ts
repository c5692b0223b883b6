// The portal uses the database DATABASE_URL names (issue 12): created only when missing and the
// user may, otherwise a message that says what is missing; nothing else on the server is created.
// Runs on whichever server the suite uses, so CI's bring-your-own-database pass checks its server.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { readdirSync } from "node:fs";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { withClient } from "@/scripts/lib/db-roles";
import { DatabaseSetupError, ensureNamedDatabase, portalDatabaseUrl } from "@/scripts/lib/named-database";
import { scaled } from "./timeouts";

const ROOT = path.resolve(import.meta.dirname, "..");
const adminUrl = process.env.DATABASE_URL!; // this file's own database, as a user who may create databases
const tag = `${process.pid}_${randomBytes(3).toString("hex")}`;
const made = { databases: [] as string[], roles: [] as string[] };
const id = pg.escapeIdentifier;

function urlFor(database: string, user?: { name: string; password: string }): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  if (user) {
    u.username = user.name;
    u.password = user.password;
  }
  return u.toString();
}
const admin = <T>(fn: (c: pg.Client) => Promise<T>) => withClient(adminUrl, fn);
const databaseExists = async (name: string) => (await admin((c) => c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]))).rowCount === 1;

async function loginRole(): Promise<{ name: string; password: string }> {
  const role = { name: `cg_nocreatedb_${tag}_${made.roles.length}`, password: randomBytes(9).toString("base64url") };
  await admin((c) => c.query(`CREATE ROLE ${id(role.name)} LOGIN NOCREATEDB PASSWORD ${pg.escapeLiteral(role.password)}`));
  made.roles.push(role.name);
  return role;
}

afterAll(async () => {
  await admin(async (c) => {
    for (const d of made.databases) await c.query(`DROP DATABASE IF EXISTS ${id(d)} WITH (FORCE)`);
    for (const r of made.roles) await c.query(`DROP ROLE IF EXISTS ${id(r)}`);
  });
});

describe("the database DATABASE_URL names", () => {
  it("is created when missing and the user may create databases, and used as it is afterwards", async () => {
    const name = `cg_named_${tag}`;
    made.databases.push(name);
    expect(await ensureNamedDatabase(urlFor(name))).toBe(urlFor(name));
    expect(await databaseExists(name)).toBe(true);
    await ensureNamedDatabase(urlFor(name)); // exists now: just connects
  });

  it("is used without any right to create databases when it exists", async () => {
    const role = await loginRole();
    const name = `cg_owned_${tag}`;
    made.databases.push(name);
    await admin((c) => c.query(`CREATE DATABASE ${id(name)} OWNER ${id(role.name)}`));
    await expect(ensureNamedDatabase(urlFor(name, role))).resolves.toBe(urlFor(name, role));
  });

  it("is not created by a user who may not, and the message says what to do", async () => {
    const role = await loginRole();
    const name = `cg_missing_${tag}`;
    const e = await ensureNamedDatabase(urlFor(name, role)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DatabaseSetupError);
    expect((e as Error).message).toContain(`Database "${name}" does not exist`);
    expect((e as Error).message).toContain(`user "${role.name}" may not create databases`);
    expect((e as Error).message).toContain(`CREATE DATABASE "${name}" OWNER "${role.name}";`);
    expect(await databaseExists(name)).toBe(false);
  });

  it("names the database and user when the connection is refused for another reason", async () => {
    const nobody = { name: `cg_nobody_${tag}`, password: "x" }; // no such role: refused whatever the server's authentication
    const e = await ensureNamedDatabase(urlFor(`cg_x_${tag}`, nobody)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DatabaseSetupError);
    expect((e as Error).message).toMatch(new RegExp(`^Cannot connect to database "cg_x_${tag}" on .+ as "${nobody.name}": `));
  });

  it("is never the server's own database", async () => {
    const server = { embedded: false, urlFor: () => "", stop: async () => {} };
    for (const own of ["postgres", "template1"]) {
      await expect(portalDatabaseUrl(server, { DATABASE_URL: urlFor(own) })).rejects.toThrow(/the server's own database/);
    }
  });

  it("is the one `npm run db:migrate` migrates, and no database called changegate appears instead", async () => {
    const name = `cg_migrated_${tag}`;
    made.databases.push(name);
    made.roles.push(`${name}_owner`, `${name}_app`);
    const hadChangegate = await databaseExists("changegate");
    // Only DATABASE_URL: no owner URL of the run's own (undefined values are left out of a child's environment).
    const env = { ...process.env, DATABASE_URL: urlFor(name), DATABASE_OWNER_URL: undefined };
    const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
      const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/migrate.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
      let text = "";
      child.stdout.on("data", (b: Buffer) => (text += b.toString()));
      child.stderr.on("data", (b: Buffer) => (text += b.toString()));
      child.on("exit", (code) => resolve({ code, text }));
    });
    expect(output.code, output.text).toBe(0);
    const migrations = readdirSync(path.join(ROOT, "prisma", "migrations"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    const applied = await withClient(urlFor(name), async (c) => (await c.query<{ n: string }>(`SELECT migration_name AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`)).rows.map((r) => r.n));
    expect(applied.sort()).toEqual(migrations.sort());
    expect(await databaseExists("changegate")).toBe(hadChangegate);
  }, scaled(180_000));
});
