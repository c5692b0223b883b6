// CI, bring-your-own-database pass: the portal uses the database DATABASE_URL names. Runs
// `npm run db:migrate` with DATABASE_URL naming changegate_ci on the server at 127.0.0.1:5432, then
// checks that every migration was applied in changegate_ci and that no database called changegate
// appeared instead (the old behaviour). Exit 0 when both hold.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import pg from "pg";

const SERVER = "postgresql://postgres@127.0.0.1:5432";
const DATABASE = "changegate_ci";

async function query(database, sql) {
  const c = new pg.Client({ connectionString: `${SERVER}/${database}` });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}
const changegateExists = async () => (await query("postgres", "SELECT 1 FROM pg_database WHERE datname = 'changegate'")).length === 1;

const before = await changegateExists();
const env = { ...process.env, DATABASE_URL: `${SERVER}/${DATABASE}` };
delete env.DATABASE_OWNER_URL;
const run = spawnSync("npm", ["run", "db:migrate"], { env, stdio: "inherit" });
if (run.status !== 0) {
  console.log(`FAILED: npm run db:migrate exited ${run.status}`);
  process.exit(1);
}
const want = readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory()).length;
const [{ n: applied }] = await query(DATABASE, "SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL");
const after = await changegateExists();
const ok = applied === want && after === before;
console.log(`${ok ? "ok" : "FAILED"}: ${DATABASE} has ${applied} of ${want} migrations applied; a database called changegate ${after ? (before ? "existed before" : "was created") : "does not exist"}`);
process.exit(ok ? 0 : 1);
