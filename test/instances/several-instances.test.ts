// Several instances on one database, as the README's production layout runs them: two web servers
// (the production build, each its own process) and two deploy workers, all connected as the app role
// to one PostgreSQL, against one AWS endpoint (the sandbox). A pipeline starts 30 deployments through
// both web servers' CI API; one worker is SIGKILLed mid-run. Every deployment must finish, each
// traffic step must reach the alias exactly once, and the database must agree with the alias.
// Runs after the build (`npm test`, phase "instances"; `--only instances` alone).
import { existsSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { buildTrafficPlan } from "@/lib/domain/traffic-plan";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { createApiToken } from "@/lib/server/api-tokens";
import { createUser } from "@/prisma/factories";
import { roleNamesFor, withClient } from "@/scripts/lib/db-roles";
import { dropPortalRoles } from "@/test/portal-roles";
import { appProcessEnv, leastPrivilegeDatabase } from "@/scripts/lib/portal-database";
import { asActor, agreement, deployTarget, TERMINAL, waitFor } from "@/test/deploy-support";
import { scaled } from "@/test/timeouts";
import { freePort, kill, startWebServer, startWorker, stopAll, type Instance } from "./processes";

const COUNT = 30;
const STRATEGY = "Linear10PercentEvery1Minute";
const adminUrl = process.env.DATABASE_URL!;
const database = new URL(adminUrl).pathname.slice(1);
const roles = roleNamesFor(database, {});
const passwords = new Map([roles.owner, roles.app].map((r) => [r, randomBytes(12).toString("base64url")]));

let sandbox: SandboxHandle;
let env: NodeJS.ProcessEnv;
let webs: (Instance & { url: string })[] = [];

beforeAll(async () => {
  const dist = process.env.NEXT_DIST_DIR ?? ".next";
  if (!existsSync(path.join(dist, "BUILD_ID"))) throw new Error(`No production build in ${dist}: run this through \`npm test\` (or \`scripts/test.ts --only instances\`), which builds first.`);
  // Simulated time stands still until every deployment has started (see the test).
  sandbox = await startSandbox({ port: 0, timeScale: 0, seed: 12 });
  // As `npm start` sets a database up: an owner that migrates, an app role every process connects as.
  const portal = await leastPrivilegeDatabase(adminUrl, { password: (r) => passwords.get(r)!, log: () => {} });
  expect(portal.leastPrivilege).toBe(true);
  // The children are the portal's processes, not vitest's.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && !k.startsWith("__VITEST"))) as NodeJS.ProcessEnv;
  env = appProcessEnv(portal, {
    ...base,
    CHANGEGATE_AWS: "sandbox",
    CHANGEGATE_SANDBOX_URL: sandbox.url,
    AWS_ENDPOINT_URL: sandbox.url,
    AWS_ACCESS_KEY_ID: "sandbox",
    AWS_SECRET_ACCESS_KEY: "sandbox",
    AWS_REGION: "us-east-1",
    NEXTAUTH_SECRET: randomBytes(24).toString("base64url"),
    NEXT_TELEMETRY_DISABLED: "1",
  });
  const ports = [await freePort(), await freePort()];
  webs = await Promise.all(ports.map((p, i) => startWebServer(`web ${i + 1}`, p, { ...env, NEXTAUTH_URL: `http://127.0.0.1:${p}` })));
}, scaled(180_000));

afterAll(async () => {
  await stopAll();
  await sandbox?.close();
  await dropPortalRoles(adminUrl, roles);
}, scaled(60_000));

type Started = { deploymentId: string; state: string };

it("two web servers and two workers on one database: 30 deployments, a worker SIGKILLed mid-run, every step applied once", async () => {
  const admin: Actor = asActor(await createUser(db, { roles: ["ADMIN"] }));
  const targets = [];
  for (let i = 0; i < COUNT; i++) targets.push(await deployTarget(sandbox.control, { strategy: STRATEGY, validationMinutes: 1 }));
  const token = await createApiToken(admin, { name: "pipeline-fleet", serviceIds: targets.map((t) => t.service.id) });
  const firstWorker = await startWorker("worker 1", env);

  // The pipeline spreads its requests over both web servers, as a load balancer would.
  const started = await Promise.all(
    targets.map(async (t, i) => {
      const res = await fetch(`${webs[i % 2]!.url}/api/v1/changes/${encodeURIComponent(t.cr.number)}/deploy`, { method: "POST", headers: { authorization: `Bearer ${token.plain}` } });
      const body = (await res.json()) as Started;
      if (res.status !== 201) console.error(JSON.stringify(body), webs[i % 2]!.output());
      expect({ i, status: res.status }).toEqual({ i, status: 201 });
      return body;
    }),
  );
  const ids = started.map((s) => s.deploymentId);
  expect(new Set(ids).size).toBe(COUNT);
  const rows = () => db.deployment.findMany({ where: { id: { in: ids } }, select: { id: true, state: true, currentWeight: true } });
  // The clock stands still, so the first worker alone takes every deployment to its first step.
  await waitFor("every deployment at its first step", async () => (await rows()).every((d) => d.currentWeight === 0.1), 90_000, 200);

  const secondWorker = await startWorker("worker 2", env);
  await sandbox.control.setTimeScale(60); // a simulated minute per second: each deploy takes ~12 s
  await waitFor("deployments moving on", async () => (await rows()).some((d) => d.currentWeight >= 0.3), 60_000, 100);
  const beforeKill = await rows();
  await kill(firstWorker, "SIGKILL");
  // Mid-run: nothing has finished, and every deployment has steps left.
  expect(beforeKill.filter((d) => TERMINAL.includes(d.state) || d.currentWeight === 1)).toEqual([]);

  await waitFor("every deployment to end", async () => (await rows()).every((d) => TERMINAL.includes(d.state)), 180_000, 250);
  await kill(secondWorker, "SIGTERM");

  const steps = buildTrafficPlan(STRATEGY).steps.map((s) => s.weight);
  for (const [i, t] of targets.entries()) {
    const id = ids[i]!;
    const a = await agreement(sandbox.control, id);
    expect({ id, state: a.state, aliasOk: a.aliasOk, crOk: a.crOk, lock: a.lockReleased }).toEqual({ id, state: "SUCCEEDED", aliasOk: true, crOk: true, lock: true });
    // The sandbox's journal of alias writes made through the API: each step once, in order.
    const written = sandbox.store.aliasWrites
      .filter((w) => w.functionName === t.name && w.via === "api")
      .map((w) => (w.functionVersion === "3" && Object.keys(w.weights).length === 0 ? 1 : (w.weights["3"] ?? 0)));
    expect({ id, written }).toEqual({ id, written: steps });
    // The deployment's record: each step it recorded once and in order (a step whose write landed
    // just before the kill is adopted by the next tick without an event of its own).
    const recorded = (await db.deploymentEvent.findMany({ where: { deploymentId: id, kind: "SHIFTED" }, orderBy: { id: "asc" } })).map((e) => (e.data as { weight: number }).weight);
    expect(recorded.length).toBeGreaterThanOrEqual(steps.length - 1);
    expect(new Set(recorded).size).toBe(recorded.length);
    expect([...recorded].sort((x, y) => x - y)).toEqual(recorded);
    expect(await db.deploymentEvent.count({ where: { deploymentId: id, kind: "STARTED" } })).toBe(1);
  }
  // Either web server reads what the other started: no instance keeps state of its own.
  for (const [i, id] of ids.entries()) {
    const res = await fetch(`${webs[(i + 1) % 2]!.url}/api/v1/deployments/${id}`, { headers: { authorization: `Bearer ${token.plain}` } });
    expect({ id, status: res.status, state: ((await res.json()) as Started).state }).toEqual({ id, status: 200, state: "SUCCEEDED" });
  }
}, scaled(420_000));
