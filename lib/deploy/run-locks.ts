// "One runner per deployment": a Postgres session advisory lock per deployment, held on this
// process's own connections, so it dies with the process and a crashed worker never leaves a
// deployment locked. A few connections rather than one: 50 deployments ticking at the same period
// boundary would otherwise queue their lock and unlock round trips behind each other (the bench saw
// p95 ≈ 250 ms waiting for the one connection). A deployment always maps to the same connection,
// since a session lock can only be released by the session that holds it.
// The connections are lib/pg-direct's (the one module holding raw pg connections); the lock calls
// are Kysely queries compiled there.
import { sql } from "kysely";
import { readDb } from "@/lib/db";
import { connectDirect, type DirectConnection } from "@/lib/pg-direct";

export interface RunLocks {
  tryLock(deploymentId: string): Promise<boolean>;
  unlock(deploymentId: string): Promise<void>;
  /** LISTEN on the first connection (it is open as long as the locks are). */
  listen(channel: string, onNotify: () => void): Promise<void>;
  /** The process is stopping: a lost connection is expected now, not a reason to die. */
  closing(): void;
  end(): Promise<void>;
}

interface Conn {
  connection: DirectConnection;
  /** pg refuses overlapping queries on one client (deprecated in v8, an error in v9): queue them. */
  chain: Promise<unknown>;
}

const lockKey = (deploymentId: string) => `cg-deploy:${deploymentId}`;
const tryLockQuery = (deploymentId: string) => readDb.selectNoFrom(sql<boolean>`pg_try_advisory_lock(hashtext(${lockKey(deploymentId)}))`.as("ok"));
const unlockQuery = (deploymentId: string) => readDb.selectNoFrom(sql<boolean>`pg_advisory_unlock(hashtext(${lockKey(deploymentId)}))`.as("ok"));

function slotOf(deploymentId: string, n: number): number {
  let h = 0;
  for (let i = 0; i < deploymentId.length; i++) h = (h * 31 + deploymentId.charCodeAt(i)) | 0;
  return Math.abs(h) % n;
}

export async function openRunLocks(databaseUrl: string, connections = 4): Promise<RunLocks> {
  const conns: Conn[] = [];
  let closing = false;
  for (let i = 0; i < Math.max(1, connections); i++) {
    const connection = await connectDirect({
      connectionString: databaseUrl,
      applicationName: "changegate-deploy-lock",
      // A lost lock connection means lost locks, so the process dies loudly and restarts clean, like a
      // crash (which the sweeper and the idempotent steps absorb) — unless it is stopping anyway
      // (Ctrl+C reaches PostgreSQL too, which then closes every connection).
      onError: (e) => {
        // Thrown bare: pg's error object carries the whole client, hundreds of lines in the log.
        if (!closing) throw new Error(`deploy worker: a run-lock connection was lost (${e.message}); exiting so a clean start takes over`);
      },
    });
    conns.push({ connection, chain: Promise.resolve() });
  }
  const queued = <T>(c: Conn, run: (connection: DirectConnection) => Promise<T>): Promise<T> => {
    const p = c.chain.then(() => run(c.connection));
    c.chain = p.catch(() => {});
    return p;
  };
  const connOf = (deploymentId: string) => conns[slotOf(deploymentId, conns.length)]!;
  return {
    async tryLock(id) {
      const [row] = await queued(connOf(id), (c) => c.run(tryLockQuery(id)));
      return row?.ok === true;
    },
    async unlock(id) {
      await queued(connOf(id), (c) => c.run(unlockQuery(id)));
    },
    listen(channel, onNotify) {
      return queued(conns[0]!, (c) => c.listen(channel, () => onNotify()));
    },
    closing() {
      closing = true;
    },
    async end() {
      closing = true;
      await Promise.all(conns.map((c) => c.connection.end()));
    },
  };
}
