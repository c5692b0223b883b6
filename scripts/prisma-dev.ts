import { startDatabaseServer, ensureDatabase } from "./lib/database.ts";
import { prisma } from "./lib/prisma-cli.ts";
const server = await startDatabaseServer();
const url = await ensureDatabase(server, "changegate_dev");
prisma(process.argv.slice(2), url);
