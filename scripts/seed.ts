// npm run db:seed — migrates and seeds the demo database (skips seeding when users exist). Seeds as
// the app role, as `npm start` does, against the sandbox state `npm start` keeps (the demo changes'
// code is pinned there), opened here in-process.
import path from "node:path";
import { startSandbox } from "@/lib/sandbox";
import { HISTORY_DAYS } from "@/prisma/seed-history-plan";
import { loadDotEnv, ROOT } from "./lib/app-env";
import { startDatabaseServer } from "./lib/database";
import { failOnSetupError } from "./lib/named-database";
import { preparePortalDatabase } from "./lib/portal-database";

loadDotEnv();
const server = await startDatabaseServer();
const portal = await preparePortalDatabase(server).catch(failOnSetupError);
process.env.DATABASE_URL = portal.appUrl;
// A new sandbox state starts its clock where the demo history begins (seed-history.ts).
const sandbox = await startSandbox({ port: 0, stateFile: path.join(ROOT, ".data", "sandbox.json"), seedDemo: true, startTime: new Date(Date.now() - HISTORY_DAYS * 86_400_000) });
Object.assign(process.env, { CHANGEGATE_SANDBOX_URL: sandbox.url, CHANGEGATE_AWS: "sandbox" });
const { db } = await import("@/lib/db");
const { seedDemo } = await import("@/prisma/seed-demo");
await seedDemo(db);
await db.$disconnect();
await sandbox.close();
await server.stop();
