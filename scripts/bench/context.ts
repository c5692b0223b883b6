import type pg from "pg";

/** What every bench module gets: a signed-in portal on a database seeded for benchmarking. */
export interface BenchContext {
  baseUrl: string;
  sql: pg.Client;
  /** Session cookie of a user holding every role. */
  cookie: string;
  log: (line: string) => void;
  /** The Next.js server process, to read its memory from /proc. */
  serverPid?: number;
  /** The embedded PostgreSQL's postmaster, to read the database's CPU; unknown with DATABASE_URL. */
  dbPid?: number;
}

export interface BenchModule {
  name: string;
  standalone?: false;
  /** Bulk-loads this module's data with SQL; runs once per bench database (skipped when present). */
  seed?: (sql: pg.Client) => Promise<void>;
  run: (ctx: BenchContext) => Promise<void>;
}

/** A CPU-only module (no database, no portal): it runs before either is started, and alone starts neither. */
export interface StandaloneBenchModule {
  name: string;
  standalone: true;
  run: (ctx: Pick<BenchContext, "log">) => Promise<void>;
}
