// npm run db:migrate — applies pending migrations (prisma migrate deploy) to the portal's database as
// its owner role, then grants the app role its row rights (see scripts/lib/portal-database.ts).
import { loadDotEnv } from "./lib/app-env";
import { startDatabaseServer } from "./lib/database";
import { failOnSetupError } from "./lib/named-database";
import { preparePortalDatabase } from "./lib/portal-database";

loadDotEnv();
const server = await startDatabaseServer();
await preparePortalDatabase(server).catch(failOnSetupError);
console.log("Migrations applied.");
await server.stop();
