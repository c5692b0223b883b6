// Which database `npm start`, `db:migrate` and `db:seed` use, and making sure it exists (issue 12):
// the one DATABASE_URL names, used as given. Nothing else on the server is touched: a database that
// exists needs no rights on any other; one that is missing is created only when the URL's user may
// (CREATEDB, through the "postgres" database), and otherwise the message says what is missing.
import pg from "pg";
import { ensureDatabase, type DatabaseServer } from "./database";

/** On the embedded server, and when DATABASE_URL names no database. */
export const DEFAULT_DATABASE = "changegate";
/** A server's own databases: the portal's migrations and role changes must not land in them. */
const SERVER_DATABASES = ["postgres", "template0", "template1"];

export class DatabaseSetupError extends Error {
  override name = "DatabaseSetupError";
}

export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function where(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}`;
}

const userOf = (url: string) => decodeURIComponent(new URL(url).username) || process.env.USER || "(your OS user)";
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const codeOf = (e: unknown) => (e as { code?: string }).code;

async function canConnect(url: string): Promise<true | { code?: string; message: string }> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch (e) {
    return { code: codeOf(e), message: messageOf(e) };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Connects to the database `url` names; creates it first if it does not exist and the user may.
 * Throws a DatabaseSetupError that names the database, the server, the user and what is missing.
 */
export async function ensureNamedDatabase(url: string): Promise<string> {
  const name = databaseOf(url);
  const user = userOf(url);
  const first = await canConnect(url);
  if (first === true) return url;
  // 3D000 invalid_catalog_name: the database does not exist. Anything else (password, refused
  // connection, no CONNECT right) is not ours to fix by creating something.
  if (first.code !== "3D000") {
    throw new DatabaseSetupError(`Cannot connect to database "${name}" on ${where(url)} as "${user}": ${first.message}`);
  }
  const create = `CREATE DATABASE ${pg.escapeIdentifier(name)} OWNER ${pg.escapeIdentifier(user)};`;
  const maintenance = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  try {
    await maintenance.connect();
  } catch (e) {
    throw new DatabaseSetupError(
      `Database "${name}" does not exist on ${where(url)}, and creating it needs a connection to the "postgres" database, which ` +
        `refused "${user}" (${messageOf(e)}). Create it as an administrator (${create}) and start again.`,
    );
  }
  try {
    const { rows } = await maintenance.query<{ may: boolean }>("SELECT rolsuper OR rolcreatedb AS may FROM pg_roles WHERE rolname = current_user");
    if (!rows[0]?.may) {
      throw new DatabaseSetupError(
        `Database "${name}" does not exist on ${where(url)}, and user "${user}" may not create databases. ` +
          `Create it as an administrator (${create}) or give the user CREATEDB (ALTER ROLE ${pg.escapeIdentifier(user)} CREATEDB;), then start again.`,
      );
    }
    try {
      await maintenance.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    } catch (e) {
      if (codeOf(e) !== "42P04") throw new DatabaseSetupError(`Could not create database "${name}" on ${where(url)}: ${messageOf(e)}`); // 42P04: made meanwhile
    }
  } finally {
    await maintenance.end().catch(() => {});
  }
  return url;
}

/**
 * The portal's database URL, the database made if missing: DATABASE_URL's database (DEFAULT_DATABASE
 * when it names none) on the user's server; DEFAULT_DATABASE on the embedded one.
 */
export async function portalDatabaseUrl(server: DatabaseServer, env: Record<string, string | undefined> = process.env): Promise<string> {
  const given = env.DATABASE_URL;
  if (!given || server.embedded) return ensureDatabase(server, DEFAULT_DATABASE);
  const url = databaseOf(given) ? given : withDatabase(given, DEFAULT_DATABASE);
  const name = databaseOf(url);
  if (SERVER_DATABASES.includes(name)) {
    throw new DatabaseSetupError(
      `DATABASE_URL names "${name}", the server's own database: the portal needs a database of its own (its migrations ` +
        `change ownership and rights). Name one in the URL, e.g. ${withDatabase(given, DEFAULT_DATABASE).replace(/\/\/[^@]*@/, "//…@")}.`,
    );
  }
  return ensureNamedDatabase(url);
}

/** For the scripts: a setup problem is told in its own words, without a stack trace; anything else is thrown on. */
export function failOnSetupError(e: unknown): never {
  if (!(e instanceof DatabaseSetupError)) throw e;
  console.error(e.message);
  process.exit(1);
}
