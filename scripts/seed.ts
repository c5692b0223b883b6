// npm run db:seed — migrates and seeds the demo database (skips seeding when users exist).
import { loadDotEnv } from "./lib/app-env";
import { ensureDatabase, startDatabaseServer } from "./lib/database";
import { migrateDeploy } from "./lib/prisma-cli";

loadDotEnv();
const server = await startDatabaseServer();
const url = await ensureDatabase(server, process.env.CHANGEGATE_DB_NAME ?? "changegate");
migrateDeploy(url);
process.env.DATABASE_URL = url;
const { db } = await import("@/lib/db");
const { seedDemo } = await import("@/prisma/seed-demo");
await seedDemo(db);
await db.$disconnect();
await server.stop();
