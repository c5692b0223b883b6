import "server-only";
// The one module that holds raw pg connections (issue 12). Everything else reads through Kysely
// (lib/db.ts), on the read pool or on a Prisma transaction, and writes through the ORM. Three things
// need a connection of their own, held across awaits, which neither pool gives out:
//   - a server-side cursor lives in one session's transaction (the history export);
//   - LISTEN hears only on the session that ran it (the outbox relay, the deploy worker's wake-up);
//   - a session advisory lock is released only by the session that took it (the deploy run locks).
// Queries sent here are compiled from Kysely where they are SQL reads; values come back typed as on
// the read pool (pgTypes: int8 as bigint, timestamptz as Date).
import pg from "pg";
import type { Compilable, InferResult } from "kysely";

// Values as Prisma's $queryRaw returns them: int8 as bigint, not a string. Timestamps are timestamptz,
// which pg reads as the instant they are whatever the process's or the session's zone.
const INT8_OID = 20;
/** pg's value parsers for every pg connection here and the read pool (lib/db.ts). */
export const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8_OID) return (v: string) => BigInt(v);
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** SQL text with its values: a compiled Kysely query, or a statement of the session itself (BEGIN, FETCH). */
export interface SqlText {
  text: string;
  values: unknown[];
}

export interface DirectConnection {
  /** A Kysely query on this connection, its rows typed from the schema. */
  run<Q extends Compilable>(query: Q): Promise<InferResult<Q>>;
  /** SQL text on this connection; the caller names the row type. */
  runText<R extends object>(query: SqlText): Promise<R[]>;
  /** LISTEN on this connection; `onNotify` runs for each NOTIFY on `channel`. */
  listen(channel: string, onNotify: (payload: string | undefined) => void): Promise<void>;
  /** Closes the connection (errors while closing are ignored: it is going away either way). */
  end(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

/**
 * A connection of its own. `onError` hears a lost connection: pg raises it on the client, where,
 * unhandled, it would end the process; each user decides what a loss means for it.
 */
export async function connectDirect(o: { connectionString: string; applicationName?: string; onError: (e: Error) => void }): Promise<DirectConnection> {
  const client = new pg.Client({ connectionString: o.connectionString, application_name: o.applicationName, types: pgTypes });
  client.on("error", o.onError);
  await client.connect();
  const channels = new Map<string, (payload: string | undefined) => void>();
  client.on("notification", (m) => channels.get(m.channel)?.(m.payload));
  return {
    async run<Q extends Compilable>(query: Q) {
      const { sql, parameters } = query.compile();
      return (await client.query({ text: sql, values: [...parameters] })).rows as InferResult<Q>;
    },
    async runText<R extends object>(query: SqlText) {
      return (await client.query<R>({ text: query.text, values: query.values })).rows;
    },
    async listen(channel, onNotify) {
      // LISTEN takes no bind parameter: the name goes into the text, so only a plain identifier.
      if (!CHANNEL.test(channel)) throw new Error(`Not a channel name: ${channel}`);
      channels.set(channel, onNotify);
      await client.query(`LISTEN ${channel}`);
    },
    async end() {
      await client.end().catch(() => {});
    },
  };
}

export interface ReadCursor<R> {
  /** The next `n` rows (fewer at the end). */
  fetch(n: number): Promise<R[]>;
  /** The cursor's connection, for reads that go with each batch (same snapshot). */
  connection: DirectConnection;
  /** Ends the transaction and the connection. */
  close(): Promise<void>;
}

/**
 * A server-side cursor over `query` in a READ ONLY transaction on a connection of its own: PostgreSQL
 * plans and sorts the query once and each fetch pulls the next batch, so memory holds one batch
 * however many rows match.
 */
export async function openReadCursor<R extends object>(connectionString: string, query: SqlText): Promise<ReadCursor<R>> {
  // A dropped connection surfaces as the next query's error.
  const connection = await connectDirect({ connectionString, onError: () => {} });
  try {
    await connection.runText({ text: "BEGIN READ ONLY", values: [] });
    await connection.runText({ text: `DECLARE direct_cursor NO SCROLL CURSOR FOR ${query.text}`, values: query.values });
  } catch (e) {
    await connection.end();
    throw e;
  }
  return {
    fetch: (n) => connection.runText<R>({ text: `FETCH ${Math.max(1, Math.floor(n))} FROM direct_cursor`, values: [] }),
    connection,
    close: () => connection.end(),
  };
}
