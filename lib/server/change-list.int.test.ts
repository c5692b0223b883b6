import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { asActor } from "@/test/deploy-support";
import { createService, createUser, changeFormValues } from "@/prisma/factories";
import { PAGE_SIZE } from "@/lib/schemas/change-list";
import { COUNT_CAP, listChanges } from "./change-list";
import { createChange } from "./create-change";

let engineer: Actor;
let admin: Actor;
let serviceId: string;

const list = (actor: Actor, f: Partial<Parameters<typeof listChanges>[1]> = {}) => listChanges(actor, { sort: "newest", page: 1, ...f });

beforeAll(async () => {
  engineer = asActor(await createUser(db, { roles: ["ENGINEER"] }));
  admin = asActor(await createUser(db, { roles: ["ADMIN"] }));
  serviceId = (await createService(db, { onCallUserId: engineer.id })).id;
  const refs = { serviceId, onCallUserId: engineer.id };
  await createChange(engineer, changeFormValues(refs, { summary: "Raise the cache hit rate to 100% on reads" }), { submit: true });
  await createChange(engineer, changeFormValues(refs, { summary: "Cache 1000 entries per node", risk: "HIGH" }), { submit: true });
  await createChange(engineer, changeFormValues(refs, { summary: "Draft_only idea about caching" }), { submit: false });
});

describe("the CR list read with SQL", () => {
  it("treats % and _ in a search as literal characters", async () => {
    expect((await list(engineer, { q: "100%" })).rows.map((r) => r.summary)).toEqual(["Raise the cache hit rate to 100% on reads"]);
    expect((await list(engineer, { q: "cache_hit" })).rows).toEqual([]);
    expect((await list(engineer, { q: "Draft_only" })).rows.map((r) => r.summary)).toEqual(["Draft_only idea about caching"]);
  });

  it("searches case-insensitively, counts what matches, and combines with the other filters", async () => {
    const all = await list(engineer, { q: "CACHE" });
    expect(all.total).toBe(2);
    expect(all.rows.map((r) => r.summary)).toEqual(["Cache 1000 entries per node", "Raise the cache hit rate to 100% on reads"]);
    const high = await list(engineer, { q: "cache", risk: "HIGH", service: serviceId });
    expect(high.rows.map((r) => [r.summary, r.risk, r.service.id, r.requester.name])).toEqual([["Cache 1000 entries per node", "HIGH", serviceId, engineer.name]]);
  });

  it("finds a CR by its number", async () => {
    const [first] = (await list(engineer, { q: "100%" })).rows;
    const byNumber = await list(admin, { q: first!.number });
    expect(byNumber.rows.map((r) => r.id)).toEqual([first!.id]);
  });

  it("shows someone else's draft to admins only", async () => {
    const other = asActor(await createUser(db, { roles: ["ENGINEER"] }));
    expect((await list(other, { q: "Draft_only" })).total).toBe(0);
    expect((await list(admin, { q: "Draft_only" })).total).toBe(1);
    expect((await list(engineer, { requester: "me", state: "DRAFT" })).rows.map((r) => r.summary)).toEqual(["Draft_only idea about caching"]);
  });

  it("counts a large result only up to a cap past the current page, and says there are more", async () => {
    const many = COUNT_CAP + 2 * PAGE_SIZE;
    await db.$executeRaw`INSERT INTO "ChangeRequest"(id, number, year, seq, state, summary, type, risk, "servicesAffected", "usersAffected",
        "downtimeRequired", "rollbackPlan", "implementationSteps", "rollbackProcedure", "windowStart", "windowDurationMin",
        "windowTimeZone", "serviceId", "targetVersion", strategy, "requesterId", "updatedAt")
      SELECT 'bulk' || g, 'CR-1999-' || g, 1999, g, 'SUBMITTED', 'Bulk change ' || g, 'FEATURE', 'LOW', 'x', 'x', false, 'x',
        ARRAY['x'], 'x', now(), 30, 'UTC', ${serviceId}, '1', 'AllAtOnce', ${engineer.id}, now()
      FROM generate_series(1, ${many}) g`;
    const first = await list(engineer, { q: undefined, service: serviceId, type: "FEATURE", risk: "LOW", state: "SUBMITTED" });
    expect(first.capped).toBe(true);
    expect(first.total).toBe(COUNT_CAP);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    // Further on, the cap moves with the page, so the exact total shows up once it is within reach.
    const later = await list(engineer, { service: serviceId, type: "FEATURE", risk: "LOW", state: "SUBMITTED", page: 100 });
    expect(later.capped).toBe(false);
    expect(later.total).toBeGreaterThanOrEqual(many);
    expect(later.pageCount).toBe(Math.ceil(later.total / PAGE_SIZE));
  });
});
