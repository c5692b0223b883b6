// Prisma 6.19 CLI configuration. Prisma 7's CLI would download a native schema engine, which this
// offline machine cannot do, so we run 6.19's WebAssembly engine ("js") through @prisma/adapter-pg.
// The adapter has four shortcomings that only bite in the CLI (migrate deploy and status; migrate
// diff --from-migrations, which replays the migrations on a shadow database: the drift test); each
// workaround below says which. `migrate dev` does not run through the adapter at all (it wants a
// shadow-database factory): new migrations are written with `migrate diff`. See README "Database notes".
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// 1. The schema engine reads catalog columns of types the adapter cannot map (prisma/orm#27403):
//    name (19), "char" (18), regproc/regclass/regtype (24, 2205, 2206). Report them as text (25).
const CATALOG_OIDS = new Set([18, 19, 24, 2205, 2206]);
const TEXT_OID = 25;
// 3. The adapter drops its shadow database while its own pool still holds a session.
const SHADOW_DROP = /^DROP DATABASE "(prisma_migrate_shadow_db_[0-9a-f-]+)"$/;

type Queryable = { query: (...args: unknown[]) => unknown };
type QueryResultLike = { fields?: { dataTypeID: number }[] };

function retypeFields(result: unknown): unknown {
  const fields = (result as QueryResultLike | undefined)?.fields;
  if (Array.isArray(fields)) {
    for (const field of fields) if (CATALOG_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
  return result;
}

function patchQuery(target: Queryable): void {
  if ((target as { __changegatePatched?: boolean }).__changegatePatched) return;
  const original = target.query;
  target.query = function patchedQuery(this: unknown, ...args: unknown[]) {
    const [first] = args;
    if (typeof first === "string") {
      const shadow = SHADOW_DROP.exec(first.trim());
      if (shadow) args[0] = `DROP DATABASE "${shadow[1]}" WITH (FORCE)`;
    }
    const out = original.apply(this, args);
    if (out && typeof (out as Promise<unknown>).then === "function") {
      return (out as Promise<unknown>).then(retypeFields);
    }
    return out;
  };
  (target as { __changegatePatched?: boolean }).__changegatePatched = true;
}

patchQuery(pg.Pool.prototype as unknown as Queryable);
const originalConnect = pg.Pool.prototype.connect;
pg.Pool.prototype.connect = function patchedConnect(this: pg.Pool, ...args: unknown[]) {
  // Pools must not crash the CLI when the forced DROP ends one of their sessions.
  if (this.listenerCount("error") === 0) this.on("error", () => {});
  const out = (originalConnect as (...a: unknown[]) => unknown).apply(this, args);
  if (out && typeof (out as Promise<pg.PoolClient>).then === "function") {
    return (out as Promise<pg.PoolClient>).then((client) => {
      patchQuery(client as unknown as Queryable);
      client.on("error", () => {});
      return client;
    });
  }
  return out;
} as typeof pg.Pool.prototype.connect;

// 2. The adapter builds its shadow database by overriding `database` in the pool config, but a
//    connectionString would silently win; so pass explicit fields parsed from DATABASE_URL.
function poolConfigFromUrl(raw: string): pg.PoolConfig {
  const url = new URL(raw);
  return {
    host: decodeURIComponent(url.hostname),
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, "")),
  };
}

// `prisma generate` only reads the schema, but without a DATABASE_URL the CLI fails to read it and
// falls back to downloading a native engine. A placeholder keeps generate offline; the adapter below
// refuses it so that migrate commands still fail clearly without a real database.
const PLACEHOLDER_URL = "postgresql://unset@127.0.0.1:1/database_url_not_set";
process.env.DATABASE_URL ??= PLACEHOLDER_URL;

// 4. The adapter's executeScript splits a migration on every ";", which breaks function bodies
//    (the audit table's append-only trigger). PostgreSQL's simple-query protocol runs a whole
//    multi-statement script in one call, in one implicit transaction, so send it whole.
type ScriptAdapter = {
  client: { query: (sql: string) => Promise<unknown> };
  onError: (error: unknown) => never;
  executeScript: (script: string) => Promise<void>;
};
function runScriptsWhole<T>(adapter: T): T {
  const a = adapter as unknown as ScriptAdapter;
  a.executeScript = async (script: string) => {
    try {
      await a.client.query(script);
    } catch (error) {
      a.onError(error);
    }
  };
  return adapter;
}

class ChangegatePg extends PrismaPg {
  override async connect() {
    return runScriptsWhole(await super.connect());
  }
  override async connectToShadowDb() {
    return runScriptsWhole(await super.connectToShadowDb());
  }
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx scripts/seed.ts" },
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url || url === PLACEHOLDER_URL) throw new Error("DATABASE_URL is not set: run Prisma through `npm run db:migrate`, which starts the database");
    return new ChangegatePg(poolConfigFromUrl(url));
  },
});
