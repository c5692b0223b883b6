// UNTRACKED dev driver: runs the deploy bench without building/starting Next.
import pg from "pg";
import { ensureDatabase, startDatabaseServer } from "../lib/database";
import { migrateDeploy } from "../lib/prisma-cli";
const server = await startDatabaseServer();
const url = await ensureDatabase(server, "changegate_bench_deploy_dev");
migrateDeploy(url, { quiet: true });
process.env.DATABASE_URL = url;
const sql = new pg.Client({ connectionString: url });
await sql.connect();
const { deployBench } = await import("./deploy");
const { stopChildren } = await import("../lib/processes");
try {
  await deployBench.run({ baseUrl: "", sql, cookie: "", log: (l) => console.log(l) });
} finally {
  await sql.end();
  await stopChildren();
  await server.stop();
}
process.exit(0);
