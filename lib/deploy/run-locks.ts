// "One runner per deployment": a Postgres session advisory lock per deployment, held on this
// process's own connections, so it dies with the process and a crashed worker never leaves a
// deployment locked. A few connections rather than one: 50 deployments ticking at the same period
// boundary would otherwise queue their lock and unlock round trips behind each other (the bench saw
// p95 ≈ 250 ms waiting for the one connection). A deployment always maps to the same connection,
// since a session lock can only be released by the session that holds it.
import pg from "pg";

export interface RunLocks {
  tryLock(deploymentId: string): Promise<boolean>;
  unlock(deploymentId: string): Promise<void>;
  /** The first connection, for LISTEN (it is open as long as the locks are). */
  listener: pg.Client;
  /** The process is stopping: a lost connection is expected now, not a reason to die. */
  closing(): void;
  end(): Promise<void>;
}

interface Conn {
  client: pg.Client;
  /** pg refuses overlapping queries on one client (deprecated in v8, an error in v9): queue them. */
  chain: Promise<unknown>;
}

const lockKey = (deploymentId: string) => `cg-deploy:${deploymentId}`;

function slotOf(deploymentId: string, n: number): number {
  let h = 0;
  for (let i = 0; i < deploymentId.length; i++) h = (h * 31 + deploymentId.charCodeAt(i)) | 0;
  return Math.abs(h) % n;
}

export async function openRunLocks(databaseUrl: string, connections = 4): Promise<RunLocks> {
  const conns: Conn[] = [];
  let closing = false;
  for (let i = 0; i < Math.max(1, connections); i++) {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: "changegate-deploy-lock" });
    // A lost lock connection means lost locks, so the process dies loudly and restarts clean, like a
    // crash (which the sweeper and the idempotent steps absorb) — unless it is stopping anyway
    // (Ctrl+C reaches PostgreSQL too, which then closes every connection).
    client.on("error", (e) => {
      // Thrown bare: pg's error object carries the whole client, hundreds of lines in the log.
      if (!closing) throw new Error(`deploy worker: a run-lock connection was lost (${e.message}); exiting so a clean start takes over`);
    });
    await client.connect();
    conns.push({ client, chain: Promise.resolve() });
  }
  const query = (deploymentId: string, sql: string) => {
    const c = conns[slotOf(deploymentId, conns.length)]!;
    const p = c.chain.then(() => c.client.query<{ ok: boolean }>(sql, [lockKey(deploymentId)]));
    c.chain = p.catch(() => {});
    return p;
  };
  return {
    async tryLock(id) {
      const r = await query(id, "SELECT pg_try_advisory_lock(hashtext($1)) AS ok");
      return r.rows[0]?.ok === true;
    },
    async unlock(id) {
      await query(id, "SELECT pg_advisory_unlock(hashtext($1))");
    },
    listener: conns[0]!.client,
    closing() {
      closing = true;
    },
    async end() {
      closing = true;
      await Promise.all(conns.map((c) => c.client.end().catch(() => {})));
    },
  };
}
