// The portal's database roles, set up by the same code `npm start` runs, on this file's database
// (a copy of the template, its tables owned by the superuser as in a database from before roles):
// the app role reads and writes rows and can do nothing that would let it rewrite the audit trail.
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { startBoss, TICK_QUEUE } from "@/lib/deploy/queue";
import { createReadyChange, createService, createUser } from "@/prisma/factories";
import { roleNamesFor, withClient } from "@/scripts/lib/db-roles";
import { dropPortalRoles } from "@/test/portal-roles";
import { leastPrivilegeDatabase, type PortalDatabase } from "@/scripts/lib/portal-database";

const adminUrl = process.env.DATABASE_URL!;
const database = new URL(adminUrl).pathname.slice(1);
// Named after this file's own database: unique on a shared server (CI, other developers' runs).
const roles = roleNamesFor(database, {});
const passwords = new Map([roles.owner, roles.app].map((r) => [r, randomBytes(12).toString("base64url")]));
const opts = { password: (r: string) => passwords.get(r)!, log: () => {} };

let portal: PortalDatabase;
let app: pg.Client;

/** The statement's error, or undefined when it succeeded. */
async function refusal(sql: string): Promise<{ code?: string; message: string } | undefined> {
  try {
    await app.query(sql);
    return undefined;
  } catch (e) {
    return e as { code?: string; message: string };
  }
}

beforeAll(async () => {
  portal = await leastPrivilegeDatabase(adminUrl, opts);
  app = new pg.Client({ connectionString: portal.appUrl });
  await app.connect();
});

afterAll(async () => {
  await app?.end();
  await dropPortalRoles(adminUrl, roles);
});

describe("database roles", () => {
  it("connects the app as a role of its own and the owner as another, neither a superuser", async () => {
    expect(portal.leastPrivilege).toBe(true);
    const who = await app.query<{ u: string; s: string }>("SELECT current_user AS u, current_setting('is_superuser') AS s");
    expect(who.rows[0]).toEqual({ u: roles.app, s: "off" });
    await withClient(portal.ownerUrl, async (c) => {
      const r = await c.query<{ u: string; s: string }>("SELECT current_user AS u, current_setting('is_superuser') AS s");
      expect(r.rows[0]).toEqual({ u: roles.owner, s: "off" });
    });
  });

  it("hands the owner the database and every table, type and function, the superuser's before", async () => {
    const notOwned = await withClient(adminUrl, (c) =>
      c.query(
        `SELECT relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname IN ('public', 'pgboss') AND c.relkind IN ('r', 'p', 'S', 'v') AND pg_get_userbyid(c.relowner) <> $1
         UNION ALL SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE n.nspname IN ('public', 'pgboss') AND t.typtype = 'e' AND pg_get_userbyid(t.typowner) <> $1
         UNION ALL SELECT proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname IN ('public', 'pgboss') AND pg_get_userbyid(p.proowner) <> $1
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') -- pg_trgm's stay its own
         UNION ALL SELECT datname FROM pg_database WHERE datname = current_database() AND pg_get_userbyid(datdba) <> $1`,
        [roles.owner],
      ),
    );
    expect(notOwned.rows).toEqual([]);
    const owns = await app.query("SELECT count(*)::int AS n FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)");
    expect(owns.rows[0].n).toBe(0);
  });

  it("lets the app add and read audit events but never change or remove them", async () => {
    const ins = await app.query<{ id: string }>(
      `INSERT INTO "AuditEvent" ("actorLabel", action, "entityType", "entityId") VALUES ('roles test', 'TEST', 'Test', 'x') RETURNING id`,
    );
    const eventId = ins.rows[0]!.id;
    expect((await app.query(`SELECT action FROM "AuditEvent" WHERE id = $1`, [eventId])).rows).toEqual([{ action: "TEST" }]);

    for (const sql of [`UPDATE "AuditEvent" SET action = 'EDITED' WHERE id = ${eventId}`, `DELETE FROM "AuditEvent" WHERE id = ${eventId}`, `TRUNCATE "AuditEvent"`]) {
      expect(await refusal(sql), sql).toMatchObject({ code: "42501", message: expect.stringMatching(/permission denied for table AuditEvent/) });
    }
    // What an attacker would do first: switch the trigger off, or make this session skip triggers.
    expect(await refusal(`ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`)).toMatchObject({ code: "42501", message: expect.stringMatching(/must be owner/) });
    expect(await refusal(`SET session_replication_role = replica`)).toMatchObject({ code: "42501", message: expect.stringMatching(/permission denied to set parameter/) });
    expect((await app.query(`SELECT action FROM "AuditEvent" WHERE id = $1`, [eventId])).rows).toEqual([{ action: "TEST" }]);
    // Behind the grants, the trigger still refuses even the owner.
    await withClient(portal.ownerUrl, async (c) => {
      await expect(c.query(`DELETE FROM "AuditEvent" WHERE id = $1`, [eventId])).rejects.toThrow(/append-only/);
    });
  });

  it("refuses the app any change to the schema", async () => {
    for (const sql of [`DROP TABLE "ChangeRequest"`, `ALTER TABLE "ChangeRequest" ADD COLUMN x int`, `TRUNCATE "ChangeRequest" CASCADE`, `DROP FUNCTION audit_event_append_only() CASCADE`]) {
      expect(await refusal(sql), sql).toMatchObject({ code: "42501" });
    }
    expect(await refusal(`CREATE TABLE sneaky (id int)`)).toMatchObject({ code: "42501", message: expect.stringMatching(/permission denied for schema public/) });
    expect(await refusal(`CREATE TEMP TABLE sneaky (id int)`)).toMatchObject({ code: "42501" });
    expect(await refusal(`CREATE SCHEMA sneaky`)).toMatchObject({ code: "42501" });
    expect(await refusal(`SELECT * FROM "_prisma_migrations"`)).toMatchObject({ code: "42501" });
  });

  it("gives the app ordinary reads and writes on change requests", async () => {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: portal.appUrl, max: 2 }) });
    try {
      const user = await createUser(prisma);
      const service = await createService(prisma, { onCallUserId: user.id });
      const cr = await createReadyChange(prisma, { serviceId: service.id, requesterId: user.id, targetVersion: "7" });
      await app.query(`UPDATE "ChangeRequest" SET summary = 'Renamed' WHERE id = $1`, [cr.id]);
      expect((await app.query(`SELECT summary FROM "ChangeRequest" WHERE id = $1`, [cr.id])).rows).toEqual([{ summary: "Renamed" }]);
      await app.query(`DELETE FROM "GateResult" WHERE "crId" = $1`, [cr.id]);
      await app.query(`DELETE FROM "Approval" WHERE "crId" = $1`, [cr.id]);
      expect((await app.query(`DELETE FROM "ChangeRequest" WHERE id = $1`, [cr.id])).rowCount).toBe(1);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("grants tables a later migration creates, and survives being run again", async () => {
    await withClient(portal.ownerUrl, (c) => c.query(`CREATE TABLE "LaterTable" (id serial PRIMARY KEY, note text)`));
    await app.query(`INSERT INTO "LaterTable" (note) VALUES ('granted by default')`);
    const again = await leastPrivilegeDatabase(adminUrl, opts);
    expect(again).toEqual(portal);
    expect((await app.query(`SELECT note FROM "LaterTable"`)).rows).toEqual([{ note: "granted by default" }]);
    expect(await refusal(`DELETE FROM "AuditEvent"`)).toMatchObject({ code: "42501" });
  });

  it("runs pg-boss as the app role once the owner has prepared its schema", async () => {
    const boss = await startBoss(portal.appUrl, { worker: false, migrate: false });
    try {
      expect(await boss.send(TICK_QUEUE, { deploymentId: "roles-test" })).toBeTruthy();
      const [job] = await boss.fetch<{ deploymentId: string }>(TICK_QUEUE);
      expect(job?.data).toEqual({ deploymentId: "roles-test" });
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
