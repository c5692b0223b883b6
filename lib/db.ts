import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Kysely, PostgresDialect, type Compilable, type InferResult } from "kysely";
import { PrismaClient } from "@/generated/prisma/client";
import type { DB } from "@/generated/kysely/types";
import { pgTypes } from "@/lib/pg-direct";

// One client per process. Next's dev server reloads modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { changegatePrisma?: PrismaClient; changegateReadPool?: pg.Pool };

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set. Start the portal with `npm start`, which provides the database.");
  }
  const adapter = new PrismaPg({ connectionString: utcSession(connectionString), max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return new PrismaClient({ adapter });
}

/**
 * The URL with the session's TimeZone set to UTC (after any options it already has, so it wins).
 * Prisma's pg adapter writes a Date as its UTC wall time without an offset and reads a timestamptz by
 * replacing its offset with +00:00: both right only in a UTC session. pg itself (readDb, cursors)
 * sends and reads offsets, so it is right in any session zone.
 */
export function utcSession(connectionString: string): string {
  const url = new URL(connectionString);
  const options = url.searchParams.get("options");
  url.searchParams.set("options", `${options ? `${options} ` : ""}-c TimeZone=UTC`);
  return url.toString();
}

function client(): PrismaClient {
  globalForPrisma.changegatePrisma ??= createClient();
  return globalForPrisma.changegatePrisma;
}

// Created on first use, not at import: `next build` imports route modules without a database.
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const real = client();
    const value = Reflect.get(real, prop, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

function readPool(): pg.Pool {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set.");
  if (!globalForPrisma.changegateReadPool) {
    const pool = new pg.Pool({ connectionString, max: Number(process.env.DATABASE_READ_POOL_SIZE ?? 6), allowExitOnIdle: true, types: pgTypes });
    // An idle connection closed by the server (restart, failover) is dropped and replaced on next use;
    // unhandled, its error would end the process.
    pool.on("error", (e) => console.warn(`[db] idle connection closed: ${e.message}`));
    globalForPrisma.changegateReadPool = pool;
  }
  return globalForPrisma.changegateReadPool;
}

/** Closes the read connections (tests, before their database is dropped). */
export async function endReadPool(): Promise<void> {
  await globalForPrisma.changegateReadPool?.end();
  globalForPrisma.changegateReadPool = undefined;
}

/**
 * The one way to write a SQL read: Kysely, its row types derived from schema.prisma (prisma-kysely
 * generates generated/kysely/types.ts). It compiles to SQL and runs on the read pool through pg, about
 * a third of the ORM's CPU for the same rows; outside transactions. Inside a Prisma transaction, run
 * the same query with inTx.
 */
export const readDb = new Kysely<DB>({
  dialect: new PostgresDialect({
    // Resolved per connection, so that endReadPool (tests) and a later first use get a fresh pool.
    pool: { connect: () => readPool().connect(), end: async () => {} },
  }),
});

/** A Kysely query run on a Prisma transaction's connection (reads that must see its writes or locks). */
export async function inTx<Q extends Compilable>(tx: Tx, query: Q): Promise<InferResult<Q>> {
  const { sql, parameters } = query.compile();
  return tx.$queryRawUnsafe(sql, ...parameters);
}

/**
 * A Kysely write the ORM cannot say (a conditional UPDATE, INSERT … ON CONFLICT, a write in a CTE)
 * run through Prisma, on a transaction or on `db` itself (then it is its own transaction): how many
 * rows it changed. A write with RETURNING is a query: inTx gives its rows.
 */
export async function writeIn(client: Tx | PrismaClient, query: Compilable): Promise<number> {
  const { sql, parameters } = query.compile();
  return client.$executeRawUnsafe(sql, ...parameters);
}

/** A Kysely query on a Prisma transaction's connection, or on the read pool when given `db` itself. */
export async function readOn<Q extends Compilable & { execute(): Promise<InferResult<Q>> }>(client: Tx | PrismaClient, query: Q): Promise<InferResult<Q>> {
  return client === db ? query.execute() : inTx(client as Tx, query);
}

/**
 * A Kysely query as a named prepared statement, planned once per connection: for reads every pipeline
 * call runs. The name must always go with the same query shape.
 */
export async function readPrepared<Q extends Compilable>(name: string, query: Q): Promise<InferResult<Q>> {
  const { sql, parameters } = query.compile();
  const res = await readPool().query({ name, text: sql, values: [...parameters] });
  return res.rows as InferResult<Q>;
}
