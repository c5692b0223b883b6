// Development aid: runs a Prisma CLI command (e.g. `migrate dev --name x`) against the dev database.
import { startDatabaseServer, ensureDatabase } from "./lib/database";
import { prisma } from "./lib/prisma-cli";
const server = await startDatabaseServer();
const url = await ensureDatabase(server, "changegate_dev");
prisma(process.argv.slice(2), url);
