// Runs before each integration test file: gives the file its own database cloned from the migrated
// template, and points lib/db at it before anything imports it; and its own AWS sandbox (the real
// SDK against the local endpoint), which the portal's Lambda reads and the factories' services use.
import { afterAll, inject } from "vitest";
import pg from "pg";
import { startSandbox } from "@/lib/sandbox";

const adminUrl = inject("dbAdminUrl");
const template = inject("dbTemplate");
const name = `cg_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
process.env.CHANGEGATE_BCRYPT_COST ??= "4";

const sandbox = await startSandbox({ port: 0, timeScale: 0, seed: 1 });
Object.assign(process.env, { CHANGEGATE_SANDBOX_URL: sandbox.url, CHANGEGATE_AWS: "sandbox", AWS_REGION: "us-east-1" });

afterAll(async () => {
  await sandbox.close();
  const { db, endReadPool } = await import("@/lib/db");
  await db.$disconnect();
  await endReadPool();
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
});
