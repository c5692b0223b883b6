// npm run db:seed — migrates and seeds the demo database (skips seeding when users exist). Seeds as
// the app role, as `npm start` does.
import { loadDotEnv } from "./lib/app-env";
import { startDatabaseServer } from "./lib/database";
import { preparePortalDatabase } from "./lib/portal-database";

loadDotEnv();
const server = await startDatabaseServer();
const portal = await preparePortalDatabase(server, process.env.CHANGEGATE_DB_NAME ?? "changegate");
process.env.DATABASE_URL = portal.appUrl;
const { db } = await import("@/lib/db");
const { seedDemo } = await import("@/prisma/seed-demo");
await seedDemo(db);
await db.$disconnect();
await server.stop();
