// Roles from the identity provider's groups. CHANGEGATE_OIDC_ROLE_MAP lists `group=ROLE` pairs,
// comma-separated (`platform-sre=SRE,cab=CAB_MEMBER,cab=SECURITY`); a group may grant several roles.
// The map MANAGES exactly the roles it names: with the map configured, those roles follow the
// provider's groups at provisioning and on every sign-in, while roles it does not name (say ADMIN,
// granted in the portal) are left alone. Without a map, the provider never changes roles.
import { z } from "zod";
import { ROLES, type Role } from "./vocabulary";

export interface RoleMap {
  /** group name → the roles it grants */
  grants: ReadonlyMap<string, readonly Role[]>;
  /** every role the map can grant: these follow the provider, the rest are the portal's */
  managed: ReadonlySet<Role>;
}

export const EMPTY_ROLE_MAP: RoleMap = { grants: new Map(), managed: new Set() };

const entrySchema = z.object({
  group: z.string().min(1, "the group name is empty"),
  role: z.enum(ROLES, { error: `the role is not one of ${ROLES.join(", ")}` }),
});

export type RoleMapParse = { ok: true; map: RoleMap } | { ok: false; error: string };

/** Parses the env value; the error names the first bad entry and says what is wrong with it. */
export function parseRoleMap(text: string | undefined): RoleMapParse {
  const entries = (text ?? "").split(",").map((e) => e.trim()).filter((e) => e !== "");
  const grants = new Map<string, Role[]>();
  const managed = new Set<Role>();
  for (const entry of entries) {
    const eq = entry.lastIndexOf("=");
    const parsed = entrySchema.safeParse({ group: eq < 0 ? "" : entry.slice(0, eq).trim(), role: entry.slice(eq + 1).trim() });
    if (eq < 0 || !parsed.success) {
      const why = eq < 0 ? "it is not group=ROLE" : parsed.error!.issues[0]!.message;
      return { ok: false, error: `CHANGEGATE_OIDC_ROLE_MAP entry "${entry}" is invalid: ${why}.` };
    }
    const { group, role } = parsed.data;
    const roles = grants.get(group) ?? [];
    if (!roles.includes(role)) roles.push(role);
    grants.set(group, roles);
    managed.add(role);
  }
  return { ok: true, map: { grants, managed } };
}

/** The roles the provider's groups grant, in vocabulary order. */
export function rolesForGroups(map: RoleMap, groups: readonly string[]): Role[] {
  const granted = new Set(groups.flatMap((g) => map.grants.get(g) ?? []));
  return ROLES.filter((r) => granted.has(r));
}

/**
 * A user's roles after a sign-in: roles the map manages follow the groups, the others stay.
 * `groups` undefined means the provider did not send the claim: nothing changes (absent is not
 * "member of nothing"). Someone left with no role at all is an engineer, as a provisioned user is.
 */
export function syncRoles(map: RoleMap, current: readonly Role[], groups: readonly string[] | undefined): Role[] {
  if (map.managed.size === 0 || groups === undefined) return ROLES.filter((r) => current.includes(r));
  const granted = rolesForGroups(map, groups);
  const kept = current.filter((r) => !map.managed.has(r));
  const next = ROLES.filter((r) => kept.includes(r) || granted.includes(r));
  return next.length > 0 ? next : ["ENGINEER"];
}

export const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((r) => b.includes(r));
