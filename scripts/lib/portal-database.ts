// Prepares the portal's database for `npm start`, `npm run db:migrate`/`db:seed` and the e2e run:
// the owner and app roles, migrations and pg-boss's schema as the owner, the app role's grants.
// Returns the URL each side connects with.
import { capabilities, ensureLoginRole, grantAppPrivileges, roleNamesFor, rolePassword, transferOwnership, urlAs, withClient, type DbRoles } from "./db-roles";
import type { DatabaseServer } from "./database";
import { portalDatabaseUrl } from "./named-database";
import { migrateDeploy } from "./prisma-cli";
import { startBoss } from "@/lib/deploy/queue";

export interface PortalDatabase {
  /** Migrations, pg-boss's schema: the role that owns the objects. */
  ownerUrl: string;
  /** The web app, the deploy worker: row rights only (the same URL as ownerUrl without least privilege). */
  appUrl: string;
  leastPrivilege: boolean;
}

export interface PrepareOptions {
  roles?: DbRoles;
  password?: (role: string) => string;
  log?: (message: string) => void;
}

/** pg-boss creates and upgrades its schema on start: DDL, so as the owner, once per start. */
async function prepareQueueSchema(ownerUrl: string): Promise<void> {
  const boss = await startBoss(ownerUrl, { worker: false, migrate: true });
  await boss.stop({ graceful: false, wait: true });
}

async function migrateAndGrant(ownerUrl: string, roles: DbRoles): Promise<void> {
  migrateDeploy(ownerUrl, { quiet: true });
  await prepareQueueSchema(ownerUrl);
  await withClient(ownerUrl, (c) => grantAppPrivileges(c, roles));
}

/**
 * `adminUrl` connects to the portal's database as whoever may set it up (the embedded superuser, or
 * DATABASE_URL's user). A superuser gets two dedicated roles (owner and app, named after the
 * database) and hands the owner everything; a user with CREATEROLE but no superuser stays the owner
 * of what it created and makes only the app role; anyone else runs the portal as itself, with a warning.
 */
export async function leastPrivilegeDatabase(adminUrl: string, opts: PrepareOptions = {}): Promise<PortalDatabase> {
  const log = opts.log ?? console.log;
  const password = opts.password ?? rolePassword;
  const database = decodeURIComponent(new URL(adminUrl).pathname.slice(1));
  const named = opts.roles ?? roleNamesFor(database);
  const who = await withClient(adminUrl, async (c) => {
    const cap = await capabilities(c);
    if (cap.superuser) {
      await ensureLoginRole(c, named.owner, password(named.owner), cap);
      await ensureLoginRole(c, named.app, password(named.app), cap);
      await transferOwnership(c, named.owner);
      return { roles: named, ownerUrl: urlAs(adminUrl, named.owner, password(named.owner)) };
    }
    if (cap.createRole) {
      await ensureLoginRole(c, named.app, password(named.app), cap);
      return { roles: { owner: cap.user, app: named.app }, ownerUrl: adminUrl };
    }
    return undefined;
  });
  if (!who) {
    migrateDeploy(adminUrl, { quiet: true });
    await prepareQueueSchema(adminUrl);
    log(
      "WARNING: the database user may not create roles, so the portal runs WITHOUT least privilege: the web app " +
        "connects as the owner of the tables and could disable the audit table's append-only trigger. " +
        "Create an owner and an app role (README, \"Database roles\") and set DATABASE_OWNER_URL and DATABASE_URL.",
    );
    return { ownerUrl: adminUrl, appUrl: adminUrl, leastPrivilege: false };
  }
  await migrateAndGrant(who.ownerUrl, who.roles);
  return { ownerUrl: who.ownerUrl, appUrl: urlAs(adminUrl, who.roles.app, password(who.roles.app)), leastPrivilege: true };
}

/**
 * Bring your own roles: DATABASE_OWNER_URL migrates, DATABASE_URL (the app role) runs the portal.
 * Both are used as given, database name included.
 */
export async function explicitRolesDatabase(ownerUrl: string, appUrl: string, log: (m: string) => void = console.log): Promise<PortalDatabase> {
  const app = decodeURIComponent(new URL(appUrl).username);
  const owner = await withClient(ownerUrl, async (c) => (await capabilities(c)).user);
  if (!app || app === owner) throw new Error("DATABASE_URL must name the app role, a different user from DATABASE_OWNER_URL's.");
  await migrateAndGrant(ownerUrl, { owner, app });
  const appCap = await withClient(appUrl, capabilities);
  if (appCap.superuser) log(`WARNING: DATABASE_URL's user ${app} is a superuser: the portal runs WITHOUT least privilege.`);
  return { ownerUrl, appUrl, leastPrivilege: !appCap.superuser };
}

/**
 * The database `npm start`, `db:migrate` and `db:seed` use: DATABASE_OWNER_URL and DATABASE_URL as
 * given when both are set, else the database DATABASE_URL names (made if missing and allowed; see
 * named-database.ts) or "changegate" on the embedded server, with roles made there when the
 * connecting user may.
 */
export async function preparePortalDatabase(server: DatabaseServer, log: (m: string) => void = console.log): Promise<PortalDatabase> {
  const ownerUrl = process.env.DATABASE_OWNER_URL;
  if (ownerUrl) {
    const appUrl = process.env.DATABASE_URL;
    if (!appUrl) throw new Error("DATABASE_OWNER_URL is set but DATABASE_URL is not: set DATABASE_URL to the app role's connection.");
    return explicitRolesDatabase(ownerUrl, appUrl, log);
  }
  return leastPrivilegeDatabase(await portalDatabaseUrl(server), { log });
}

/** Environment for the web app and the deploy worker: the app role, and no way to the owner's. */
export function appProcessEnv(portal: PortalDatabase, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, DATABASE_URL: portal.appUrl };
  delete env.DATABASE_OWNER_URL;
  // pg-boss's schema was prepared by the owner; the app role may only check its version.
  if (portal.leastPrivilege) env.CHANGEGATE_QUEUE_MIGRATE = "false";
  return env;
}
