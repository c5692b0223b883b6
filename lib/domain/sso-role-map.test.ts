import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRoleMap, rolesForGroups, syncRoles, EMPTY_ROLE_MAP } from "./sso-role-map";
import { ROLES } from "./vocabulary";

const mapOf = (text: string) => {
  const r = parseRoleMap(text);
  if (!r.ok) throw new Error(r.error);
  return r.map;
};

describe("SSO role map", () => {
  it("parses group=ROLE pairs; a group may grant several roles", () => {
    const map = mapOf(" platform-sre=SRE, cab=CAB_MEMBER,cab=SECURITY ,");
    expect(rolesForGroups(map, ["cab"])).toEqual(["CAB_MEMBER", "SECURITY"]);
    expect(rolesForGroups(map, ["platform-sre", "unknown"])).toEqual(["SRE"]);
    expect([...map.managed].sort()).toEqual(["CAB_MEMBER", "SECURITY", "SRE"]);
  });

  it("an empty or missing value is no map", () => {
    expect(parseRoleMap(undefined)).toEqual({ ok: true, map: EMPTY_ROLE_MAP });
    expect(parseRoleMap("")).toMatchObject({ ok: true });
  });

  it("names the bad entry and what is wrong with it", () => {
    expect(parseRoleMap("cab=CAB_MEMBER,ops=SUPERUSER")).toMatchObject({ ok: false, error: expect.stringMatching(/entry "ops=SUPERUSER" is invalid: the role is not one of ENGINEER/) });
    expect(parseRoleMap("cab")).toMatchObject({ ok: false, error: expect.stringMatching(/entry "cab" is invalid: it is not group=ROLE/) });
    expect(parseRoleMap("=SRE")).toMatchObject({ ok: false, error: expect.stringMatching(/entry "=SRE" is invalid: the group name is empty/) });
  });

  it("roles the map manages follow the groups; roles it does not name stay", () => {
    const map = mapOf("platform-sre=SRE,cab=CAB_MEMBER");
    expect(syncRoles(map, ["ADMIN", "SRE"], ["cab"])).toEqual(["CAB_MEMBER", "ADMIN"]);
    expect(syncRoles(map, ["SRE"], [])).toEqual(["ENGINEER"]);
  });

  it("a missing groups claim or no map changes nothing", () => {
    expect(syncRoles(mapOf("cab=CAB_MEMBER"), ["CAB_MEMBER", "CTO"], undefined)).toEqual(["CAB_MEMBER", "CTO"]);
    expect(syncRoles(EMPTY_ROLE_MAP, ["CTO"], ["cab"])).toEqual(["CTO"]);
  });

  const role = fc.constantFrom(...ROLES);
  const groups = fc.array(fc.constantFrom("a", "b", "c", "d"), { maxLength: 4 });
  const mapArb = fc.array(fc.tuple(fc.constantFrom("a", "b", "c"), role), { maxLength: 5 }).map((pairs) => mapOf(pairs.map(([g, r]) => `${g}=${r}`).join(",")));

  it("property: unmanaged roles are never added or removed; managed roles are exactly what the groups grant", () => {
    fc.assert(
      fc.property(mapArb, fc.uniqueArray(role), groups, (map, current, gs) => {
        const next = syncRoles(map, current, gs);
        if (map.managed.size > 0) expect(next.length).toBeGreaterThan(0);
        const granted = rolesForGroups(map, gs);
        // Left with no role at all, a person is an engineer (as a provisioned user is), whatever they held before.
        const computed = ROLES.filter((r) => (map.managed.has(r) ? granted.includes(r) : current.includes(r)));
        const fallback = map.managed.size > 0 && computed.length === 0;
        if (fallback) expect(next).toEqual(["ENGINEER"]);
        for (const r of ROLES) {
          const expected = map.managed.has(r) ? granted.includes(r) : current.includes(r);
          if (!(fallback && r === "ENGINEER")) expect(next.includes(r)).toBe(expected);
        }
      }),
    );
  });

  it("property: syncing twice is syncing once", () => {
    fc.assert(
      fc.property(mapArb, fc.uniqueArray(role), groups, (map, current, gs) => {
        const once = syncRoles(map, current, gs);
        expect(syncRoles(map, once, gs)).toEqual(once);
      }),
    );
  });
});
