// Cross-role denial: the lifecycle server action takes any action name from the client, and the
// service decides by authority. A requester who rewrites their own "Cancel change" request into
// "approve" (the one transition a person must never name) is refused, and nothing changes.
import { createReadyChange } from "../prisma/factories";
import { expect, seedService, seedUser, signIn, test } from "./fixtures";

test("a requester posting the lifecycle action with \"approve\" is refused (FORBIDDEN) and the change stays submitted", async ({ page, db }) => {
  const requester = await seedUser(["ENGINEER"]);
  const service = await seedService(requester.id);
  const ready = await createReadyChange(db, { serviceId: service.id, requesterId: requester.id, targetVersion: "2" });
  // Submitted: "approve" is a legal move from here, so a refusal can only be about who asks.
  const cr = await db.changeRequest.update({ where: { id: ready.id }, data: { state: "SUBMITTED" } });
  await signIn(page, requester);
  await page.goto(`/changes/${cr.id}`);
  await expect(page.getByRole("button", { name: /approve/i })).toHaveCount(0);

  // The page's own server-action call, with its action argument rewritten on the way out.
  let rewritten = false;
  let answer = "";
  await page.route(`**/changes/${cr.id}`, async (route) => {
    const req = route.request();
    const body = req.postData() ?? "";
    if (req.method() !== "POST" || !req.headers()["next-action"] || !body.includes('"cancel"')) return route.continue();
    rewritten = true;
    const response = await route.fetch({ postData: body.replace('"cancel"', '"approve"') });
    answer = await response.text();
    await route.fulfill({ response, body: answer });
  });
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Cancel change" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "A change is approved when its votes meet the approval matrix, not by hand." })).toBeVisible();
  expect(rewritten).toBe(true);
  // The action's result: refused for authority (FORBIDDEN, the service's 403), not for the state.
  expect(answer).toContain('"code":"FORBIDDEN"');

  const after = await db.changeRequest.findUniqueOrThrow({ where: { id: cr.id } });
  expect(after.state).toBe("SUBMITTED");
  expect(after.version).toBe(cr.version);
  expect(await db.auditEvent.count({ where: { crId: cr.id, action: "change.approve" } })).toBe(0);
});
