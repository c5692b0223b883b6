// The filter selects' lists and the names of a URL's choices: what the list pages' filters show.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { asActor } from "@/test/actors";
import { createService, createTeam, createUser } from "@/prisma/factories";
import { listFilterOptions, resolveDirectoryIds } from "./filter-options";
import { resolveDashboardFilters } from "./dashboard-queries";
import { resolveHistoryFilters } from "./history-queries";

// The route reads the session through next-auth, which needs a Next request; here the signed-in
// user is whoever the test says.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));
const { GET } = await import("@/app/api/filter-options/route");

let engineer: Actor;
const tag = Date.now().toString(36);
const ids: Record<string, string> = {};

beforeAll(async () => {
  engineer = asActor(await createUser(db, { roles: ["ENGINEER"], name: `zz ${tag} Carol` }));
  ids.bob = (await createUser(db, { name: `zz ${tag} Bob` })).id;
  ids.alice = (await createUser(db, { name: `zz ${tag} Alice` })).id;
  ids.teamB = (await createTeam(db, `zz ${tag} team b`)).id;
  ids.teamA = (await createTeam(db, `zz ${tag} team a`)).id;
  ids.svcB = (await createService(db, { onCallUserId: engineer.id, name: `zz-${tag}-billing` })).id;
  ids.svcA = (await createService(db, { onCallUserId: engineer.id, name: `zz-${tag}-auth` })).id;
});

const mine = (xs: { id: string; name: string }[]) => xs.filter((x) => x.name.includes(tag)).map((x) => x.name);

describe("filter options", () => {
  it("lists services, teams and people sorted by name, whoever is signed in", async () => {
    const o = await listFilterOptions(engineer);
    expect(mine(o.services)).toEqual([`zz-${tag}-auth`, `zz-${tag}-billing`]);
    expect(mine(o.teams)).toEqual([`zz ${tag} team a`, `zz ${tag} team b`]);
    expect(mine(o.people)).toEqual([`zz ${tag} Alice`, `zz ${tag} Bob`, `zz ${tag} Carol`]);
    expect(o.services.find((s) => s.id === ids.svcA)).toEqual({ id: ids.svcA, name: `zz-${tag}-auth` });
  });

  it("reads only the lists asked for", async () => {
    const o = await listFilterOptions(engineer, ["teams"]);
    expect(o.services).toEqual([]);
    expect(o.people).toEqual([]);
    expect(mine(o.teams)).toHaveLength(2);
  });

  it("refuses a signed-out caller", async () => {
    await expect(listFilterOptions(null)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("serves the lists to a signed-in user with a private five-minute cache, and 401 to a signed-out one", async () => {
    session.actor = null;
    const refused = await GET();
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: expect.stringContaining("Sign in") });
    expect(refused.headers.get("cache-control")).toBe("no-store");

    session.actor = engineer;
    const res = await GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, max-age=300");
    const body = (await res.json()) as Awaited<ReturnType<typeof listFilterOptions>>;
    expect(mine(body.services)).toEqual([`zz-${tag}-auth`, `zz-${tag}-billing`]);
    expect(Object.keys(body).sort()).toEqual(["people", "services", "teams"]);
  });
});

describe("names of a filter's choices", () => {
  it("names what exists, says which ids name nothing, and asks nothing when no id is given", async () => {
    expect(await resolveDirectoryIds({})).toEqual({ labels: {}, unknown: {} });
    expect(await resolveDirectoryIds({ service: ids.svcB, team: "no-such-team", requester: ids.alice })).toEqual({
      labels: { service: `zz-${tag}-billing`, requester: `zz ${tag} Alice` },
      unknown: { team: 'There is no team with id "no-such-team". Choose one from the list.' },
    });
  });

  it("gives the history form the chosen names, and a message at an unknown id even beside other errors", async () => {
    const ok = await resolveHistoryFilters(new URLSearchParams({ service: ids.svcA!, team: ids.teamA!, requester: ids.bob! }));
    expect(ok.ok).toBe(true);
    expect(ok.labels).toEqual({ service: `zz-${tag}-auth`, team: `zz ${tag} team a`, requester: `zz ${tag} Bob` });

    const bad = await resolveHistoryFilters(new URLSearchParams({ service: "no-such-service", team: ids.teamB!, from: "not-a-date" }));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.service).toBe('There is no service with id "no-such-service". Choose one from the list.');
    expect(bad.errors.from).toBeDefined();
    expect(bad.labels).toEqual({ team: `zz ${tag} team b` });
  });

  it("gives the dashboard the same names and messages, beside its period errors", async () => {
    const ok = await resolveDashboardFilters(new URLSearchParams({ service: ids.svcA! }));
    expect(ok).toMatchObject({ ok: true, labels: { service: `zz-${tag}-auth` }, scopeLabel: `service zz-${tag}-auth` });

    const bad = await resolveDashboardFilters(new URLSearchParams({ team: "no-such-team", from: "not-a-date" }));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.team).toBe('There is no team with id "no-such-team". Choose one from the list.');
    expect(bad.errors.from).toBeDefined();
  });
});
