// npm run db:migrate — applies pending migrations (prisma migrate deploy) to the portal's database.
import { loadDotEnv } from "./lib/app-env";
import { ensureDatabase, startDatabaseServer } from "./lib/database";
import { migrateDeploy } from "./lib/prisma-cli";

loadDotEnv();
const server = await startDatabaseServer();
migrateDeploy(await ensureDatabase(server, process.env.CHANGEGATE_DB_NAME ?? "changegate"));
await server.stop();
