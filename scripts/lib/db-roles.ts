// Least privilege in PostgreSQL: an OWNER role that owns the portal's schema objects and runs
// migrations, and an APP role that owns nothing and may only read and write rows. Only an owner (or
// a superuser) can disable the audit table's append-only trigger, TRUNCATE, ALTER or DROP a table;
// the web app and the deploy worker connect as the app role, so a bug or an injected statement in
// them cannot rewrite the audit trail.
import { createHmac, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ROOT } from "./app-env";

export interface DbRoles {
  owner: string;
  app: string;
}

/** The schemas the portal's objects live in: Prisma's tables and pg-boss's queue. */
export const PORTAL_SCHEMAS = ["public", "pgboss"];
/** Tables whose rows are never changed: the app role may only read and add. */
const APPEND_ONLY_TABLES = ["AuditEvent"];
/** Bookkeeping the app has no business reading or writing. */
const OWNER_ONLY_TABLES = ["_prisma_migrations"];

const id = (name: string) => pg.escapeIdentifier(name);

/**
 * Role names for a database. Roles are cluster-wide, so they are derived from the database name:
 * two databases on one server (npm start, an e2e run, each integration test file) never share or
 * fight over roles. CHANGEGATE_DB_OWNER_ROLE / CHANGEGATE_DB_APP_ROLE override them.
 */
export function roleNamesFor(database: string, env: Record<string, string | undefined> = process.env): DbRoles {
  const base = (suffix: string) => {
    const name = `${database}_${suffix}`;
    if (Buffer.byteLength(name) <= 63) return name; // PostgreSQL truncates identifiers at 63 bytes
    const hash = createHmac("sha256", "changegate").update(database).digest("hex").slice(0, 8);
    return `${database.slice(0, 63 - suffix.length - 10)}_${hash}_${suffix}`;
  };
  return { owner: env.CHANGEGATE_DB_OWNER_ROLE || base("owner"), app: env.CHANGEGATE_DB_APP_ROLE || base("app") };
}

/**
 * A role's password, derived from a secret generated once and kept under .data/ (as the
 * NEXTAUTH secret is): stable across restarts, never typed by anyone, different per role.
 */
export function rolePassword(role: string): string {
  const file = path.join(ROOT, ".data", "db-role-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  return createHmac("sha256", readFileSync(file, "utf8").trim()).update(role).digest("base64url");
}

export function urlAs(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function capabilities(c: pg.Client): Promise<{ user: string; superuser: boolean; createRole: boolean }> {
  const { rows } = await c.query<{ user: string; superuser: boolean; createrole: boolean }>(
    "SELECT rolname AS user, rolsuper AS superuser, rolcreaterole AS createrole FROM pg_roles WHERE rolname = current_user",
  );
  const r = rows[0];
  return { user: r?.user ?? "", superuser: r?.superuser === true, createRole: r?.createrole === true };
}

/**
 * Creates a login role, or resets its password and attributes if it exists. Safe when two runs do
 * it at once: the loser of the race sees a duplicate and just sets the password.
 */
export async function ensureLoginRole(c: pg.Client, role: string, password: string, opts: { superuser: boolean }): Promise<void> {
  const login = `LOGIN PASSWORD ${pg.escapeLiteral(password)}`;
  // Least privilege also for the owner: a role found already made gets the defaults of a new one
  // back (no superuser, roles, databases, replication). Only a superuser may say so of SUPERUSER.
  const attrs = opts.superuser ? `${login} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS` : login;
  const exists = await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
  if (exists.rowCount === 0) {
    try {
      await c.query(`CREATE ROLE ${id(role)} ${login}`);
      return;
    } catch (e) {
      // 42710 duplicate_object, 23505 unique_violation (pg_authid's index, under a race)
      const code = (e as { code?: string }).code;
      if (code !== "42710" && code !== "23505") throw e;
    }
  }
  await c.query(`ALTER ROLE ${id(role)} ${attrs}`);
}

/**
 * Gives the owner role the database and every object in the portal's schemas. A database migrated
 * before roles existed has them owned by the superuser that migrated it. Needs a superuser; run on a
 * connection to the portal's database.
 */
export async function transferOwnership(c: pg.Client, owner: string): Promise<void> {
  const alter = async (sql: string, params: unknown[], kind: string) => {
    const { rows } = await c.query<{ name: string }>(sql, params);
    for (const r of rows) await c.query(`ALTER ${kind} ${r.name} OWNER TO ${id(owner)}`);
  };
  await c.query(`ALTER DATABASE ${id((await c.query<{ d: string }>("SELECT current_database() AS d")).rows[0]!.d)} OWNER TO ${id(owner)}`);
  // Objects that belong to an extension stay with it.
  const notExtension = (catalog: string) => `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = o.oid AND d.deptype = 'e')`;
  const owned = (col: string) => `pg_get_userbyid(${col}) <> $2`;
  await alter(
    `SELECT quote_ident(nspname) AS name FROM pg_namespace o WHERE nspname = ANY($1) AND ${owned("nspowner")} AND pg_get_userbyid(nspowner) <> 'pg_database_owner'`,
    [PORTAL_SCHEMAS, owner],
    "SCHEMA",
  );
  // Tables (with their indexes and serial sequences), partitions, views; then sequences still left.
  for (const [kinds, kind] of [[["r", "p", "v", "m", "f"], "TABLE"], [["S"], "SEQUENCE"]] as const) {
    await alter(
      `SELECT o.oid::regclass::text AS name FROM pg_class o JOIN pg_namespace n ON n.oid = o.relnamespace
        WHERE n.nspname = ANY($1) AND ${owned("o.relowner")} AND o.relkind = ANY($3) AND ${notExtension("pg_class")}`,
      [PORTAL_SCHEMAS, owner, kinds],
      kind,
    );
  }
  // Enums (Prisma's, pg-boss's job_state), domains, standalone composite types; array types follow.
  await alter(
    `SELECT o.oid::regtype::text AS name FROM pg_type o JOIN pg_namespace n ON n.oid = o.typnamespace
      WHERE n.nspname = ANY($1) AND ${owned("o.typowner")} AND ${notExtension("pg_type")}
        AND (o.typtype IN ('e', 'd') OR (o.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = o.typrelid) = 'c'))`,
    [PORTAL_SCHEMAS, owner],
    "TYPE",
  );
  await alter(
    `SELECT o.oid::regprocedure::text AS name FROM pg_proc o JOIN pg_namespace n ON n.oid = o.pronamespace
      WHERE n.nspname = ANY($1) AND ${owned("o.proowner")} AND ${notExtension("pg_proc")}`,
    [PORTAL_SCHEMAS, owner],
    "ROUTINE",
  );
}

/**
 * Row rights for the app role on every table and sequence of the portal's schemas, read and insert
 * only on append-only tables, and the same by default for what later migrations create. Run as the
 * owner (or a superuser) after every migration: a migration may add a table the defaults missed
 * (one made by another role) or an append-only table.
 */
export async function grantAppPrivileges(c: pg.Client, roles: DbRoles): Promise<void> {
  const app = id(roles.app);
  const { rows } = await c.query<{ db: string; owns_db: boolean }>(
    `SELECT current_database() AS db,
            pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'USAGE') AS owns_db`,
  );
  const { db, owns_db } = rows[0]!;
  // Temporary tables are a CREATE too; the app needs none. Only the database's owner may say so.
  if (owns_db) await c.query(`REVOKE TEMPORARY ON DATABASE ${id(db)} FROM PUBLIC`);
  await c.query(`GRANT CONNECT ON DATABASE ${id(db)} TO ${app}`);
  const schemas = (await c.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname = ANY($1)", [PORTAL_SCHEMAS])).rows;
  for (const { nspname } of schemas) {
    const s = id(nspname);
    if (nspname === "public" && owns_db) await c.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await c.query(`GRANT USAGE ON SCHEMA ${s} TO ${app}`);
    await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${app}`);
    await c.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${app}`);
    await c.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${id(roles.owner)} IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`);
    await c.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${id(roles.owner)} IN SCHEMA ${s} GRANT USAGE, SELECT ON SEQUENCES TO ${app}`);
  }
  const existing = async (table: string) => (await c.query("SELECT to_regclass($1) AS t", [`public.${id(table)}`])).rows[0]?.t != null;
  for (const table of APPEND_ONLY_TABLES) {
    if (await existing(table)) await c.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON public.${id(table)} FROM ${app}`);
  }
  for (const table of OWNER_ONLY_TABLES) {
    if (await existing(table)) await c.query(`REVOKE ALL ON public.${id(table)} FROM ${app}`);
  }
}
