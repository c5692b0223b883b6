// Roles are cluster-wide, unlike the per-test databases: a test that creates the portal's owner and
// app roles hands back what they own and drops them, so runs leave nothing behind.
import pg from "pg";
import { withClient, type DbRoles } from "@/scripts/lib/db-roles";

export async function dropPortalRoles(adminUrl: string, roles: DbRoles): Promise<void> {
  await withClient(adminUrl, async (c) => {
    const [o, a] = [pg.escapeIdentifier(roles.owner), pg.escapeIdentifier(roles.app)];
    await c.query(`REASSIGN OWNED BY ${o}, ${a} TO CURRENT_USER`);
    // One role at a time: in one statement PostgreSQL trips over the default ACL both appear in.
    await c.query(`DROP OWNED BY ${a}`);
    await c.query(`DROP OWNED BY ${o}`);
    await c.query(`DROP ROLE ${a}, ${o}`);
  });
}
