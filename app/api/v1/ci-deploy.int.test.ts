// A pipeline starts and follows a deployment through the CI API's route handlers, on a real database
// and the test setup's AWS sandbox: the production gate decides for a token as for a person — only a
// ready change on a service in the token's scope — and the record names the token.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { createApiToken } from "@/lib/server/api-tokens";
import { createReadyChange, createService, createUser } from "@/prisma/factories";
import { POST as deploy } from "./changes/[ref]/deploy/route";
import { GET as follow } from "./deployments/[id]/route";

let admin: Actor;
let requesterId: string;
let token: { plain: string; name: string };
let otherToken: { plain: string };

const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const auth = (plain: string | null): Record<string, string> => (plain ? { authorization: `Bearer ${plain}` } : {});
const startDeploy = (ref: string, plain: string | null = token.plain) =>
  deploy(new Request(`http://localhost/api/v1/changes/${ref}/deploy`, { method: "POST", headers: auth(plain) }), params({ ref }));
const read = (id: string, plain: string | null = token.plain) => follow(new Request(`http://localhost/api/v1/deployments/${id}`, { headers: auth(plain) }), params({ id }));
type ApiError = { error: { code: string; message: string } };

let serviceId: string;
beforeAll(async () => {
  const u = await createUser(db, { roles: ["ADMIN"] });
  admin = { id: u.id, name: u.name, email: u.email, roles: u.roles };
  requesterId = (await createUser(db, { roles: ["ENGINEER"] })).id;
  serviceId = (await createService(db, { onCallUserId: requesterId })).id;
  const other = await createService(db, { onCallUserId: requesterId });
  token = await createApiToken(admin, { name: "pipeline-deploy", serviceIds: [serviceId] });
  otherToken = await createApiToken(admin, { name: "pipeline-elsewhere", serviceIds: [other.id] });
});

describe("POST /api/v1/changes/{ref}/deploy", () => {
  it("starts a ready change's deployment by its CR number; the record names the token, and the pipeline follows it", async () => {
    const cr = await createReadyChange(db, { serviceId, requesterId, targetVersion: "2" });
    const res = await startDeploy(cr.number);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { deploymentId: string; state: string; fromVersion: string; toVersion: string };
    expect(body).toMatchObject({ fromVersion: "1", toVersion: "2" });
    const d = await db.deployment.findUniqueOrThrow({ where: { id: body.deploymentId }, include: { events: true } });
    expect(d.startedById).toBeNull();
    expect(d.events[0]?.message).toMatch(/^CI token 'pipeline-deploy' \(cg_.*\) started /);
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: cr.id } })).state).toBe("DEPLOYING");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { crId: cr.id, action: "deployment.start" } });
    expect(audit.actorLabel).toContain("pipeline-deploy");
    // Someone must hear of it: the requester, since no person pressed Deploy.
    expect(await db.notification.count({ where: { userId: requesterId, deploymentId: d.id, event: "deployment.started" } })).toBe(1);

    const live = await read(body.deploymentId);
    expect(live.status).toBe(200);
    const view = (await live.json()) as { id: string; state: string; can: Record<string, boolean> };
    expect(view.id).toBe(body.deploymentId);
    // A token follows; it controls nothing.
    expect(Object.values(view.can).every((v) => v === false)).toBe(true);
  });

  it("refuses a change that is not ready, naming what is missing, and writes nothing", async () => {
    const cr = await createReadyChange(db, { serviceId, requesterId, targetVersion: "3" });
    await db.changeRequest.update({ where: { id: cr.id }, data: { state: "SUBMITTED" } });
    const before = await db.deployment.count({ where: { serviceId } });
    const res = await startDeploy(cr.id);
    expect(res.status).toBe(409);
    expect(((await res.json()) as ApiError).error.message).toMatch(/may not deploy yet/);
    expect(await db.deployment.count({ where: { serviceId } })).toBe(before);
  });

  it("a token for another service may neither start nor follow, and no token is no entry", async () => {
    const cr = await createReadyChange(db, { serviceId, requesterId, targetVersion: "4" });
    const res = await startDeploy(cr.number, otherToken.plain);
    expect(res.status).toBe(403);
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: cr.id } })).state).toBe("APPROVED");
    expect((await startDeploy(cr.number, null)).status).toBe(401);
    const running = await db.deployment.findFirstOrThrow({ where: { serviceId } });
    expect((await read(running.id, otherToken.plain)).status).toBe(403);
    expect((await startDeploy("CR-1999-000001")).status).toBe(404);
  });
});
