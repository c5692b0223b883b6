// The flag pages' read models on a real database and the sandbox's SSM: the list's search, filter and
// paging; the detail's SSM state, drift said plainly and recorded once per version, SSM's versions
// marked by writer, and the kill switch offered only to those the gate lets roll back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { stopSenderBoss } from "@/lib/deploy/queue";
import { SandboxControlClient } from "@/lib/sandbox/control-client";
import { createService } from "@/prisma/factories";
import { seedActor } from "@/test/actors";
import { getFlagDetail } from "./flag-detail";
import { FLAG_PAGE_SIZE, flagsOfService, listFlags } from "./flag-queries";
import { registerFlag } from "./register-flag";

let control: SandboxControlClient;
let engineer: Actor, onCall: Actor, stranger: Actor;
let serviceA: string, serviceB: string;
const tag = `q${process.pid}`;

beforeAll(async () => {
  control = new SandboxControlClient(process.env.CHANGEGATE_SANDBOX_URL!);
  [engineer, onCall, stranger] = await Promise.all([seedActor(["ENGINEER"]), seedActor(["ENGINEER"]), seedActor(["ENGINEER"])]);
  serviceA = (await createService(db, { onCallUserId: onCall.id })).id;
  serviceB = (await createService(db)).id;
});
afterAll(async () => {
  await stopSenderBoss();
});

const register = (serviceId: string, name: string) => registerFlag(engineer, { serviceId, name: `${tag}-${name}`, description: "For the read models", risk: "LOW" });

describe("flag read models", () => {
  it("lists flags by name search (any case), service and environment, a page at a time", async () => {
    await register(serviceA, "Checkout-Pricing");
    await register(serviceA, "checkout-banner");
    await register(serviceB, "search-ranking");
    const found = await listFlags({ q: `${tag.toUpperCase()}-CHECKOUT` });
    expect(found.rows.map((r) => r.name).sort()).toEqual([`${tag}-Checkout-Pricing`, `${tag}-checkout-banner`]);
    expect((await listFlags({ q: tag, serviceId: serviceB })).rows.map((r) => r.name)).toEqual([`${tag}-search-ranking`]);
    expect((await listFlags({ q: tag, environment: "staging" })).total).toBe(0);
    const past = await listFlags({ q: tag, page: 99 });
    expect(past).toMatchObject({ page: 1, pageCount: 1, total: 3 });
    expect(FLAG_PAGE_SIZE).toBeGreaterThan(3);
    expect((await flagsOfService(serviceA)).map((f) => f.name).sort()).toEqual([`${tag}-Checkout-Pricing`, `${tag}-checkout-banner`]);
  });

  it("a flag's page reads SSM; a hand edit is drift, said plainly and recorded once per version", async () => {
    const flag = await register(serviceA, "drifting");
    const clean = await getFlagDetail(engineer, flag.id);
    expect(clean.ssm).toMatchObject({ version: 1, holds: "off", drift: null, error: null });
    expect(clean.ssm.versions).toMatchObject([{ version: 1, holds: "off", ours: true }]);
    await control.putParameter({ name: flag.parameterName, value: JSON.stringify({ enabled: true, percentage: 90, whitelist: [], description: "console" }), user: "alice" });
    const drifted = await getFlagDetail(engineer, flag.id);
    expect(drifted.ssm.drift).toEqual({ version: 2, holds: "on, 90 %" });
    expect(drifted.ssm.versions[0]).toMatchObject({ version: 2, holds: "on, 90 %", ours: false });
    await getFlagDetail(engineer, flag.id);
    expect(await db.flagChange.count({ where: { flagId: flag.id, kind: "DRIFT" } })).toBe(1);
    const history = (await getFlagDetail(engineer, flag.id)).history;
    expect(history[0]).toMatchObject({ kind: "DRIFT", after: "on, 90 %", version: 2 });
  });

  it("offers the kill switch to the service's on-call engineer, not to a stranger", async () => {
    const flag = await register(serviceA, "killable");
    expect((await getFlagDetail(onCall, flag.id)).can.kill).toBe(true);
    expect((await getFlagDetail(stranger, flag.id)).can.kill).toBe(false);
    expect((await getFlagDetail(stranger, flag.id)).killWho).toMatch(/on-call engineer/);
  });
});
