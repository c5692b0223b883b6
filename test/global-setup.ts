// Integration tests: one real PostgreSQL server (embedded, or DATABASE_URL's), one template
// database migrated with `prisma migrate deploy`, and a fresh copy of it per test file
// (CREATE DATABASE … TEMPLATE, see integration-setup.ts).
import type { TestProject } from "vitest/node";
import { dropDatabase, ensureDatabase, startDatabaseServer, type DatabaseServer } from "../scripts/lib/database";
import { migrateDeploy } from "../scripts/lib/prisma-cli";

// Unique per run, so that two test runs on one server (two developers, CI) never share a template.
export const TEMPLATE_DB = `changegate_tpl_${process.pid}`;
let server: DatabaseServer | undefined;

export default async function setup(project: TestProject) {
  server = await startDatabaseServer(() => {});
  await dropDatabase(server, TEMPLATE_DB);
  const url = await ensureDatabase(server, TEMPLATE_DB);
  migrateDeploy(url, { quiet: true });
  project.provide("dbAdminUrl", server.urlFor("postgres"));
  project.provide("dbTemplate", TEMPLATE_DB);
  return async () => {
    if (server) await dropDatabase(server, TEMPLATE_DB);
    await server?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    dbAdminUrl: string;
    dbTemplate: string;
  }
}
