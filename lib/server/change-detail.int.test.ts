// The CR page reads a change by its id or by its number (a shared link such as /changes/CR-2026-021),
// with the same visibility either way: another person's draft is "not found" by number too.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { changeFormValues, createService, createUser } from "@/prisma/factories";
import { asActor } from "@/test/deploy-support";
import { getChangeDetail } from "./change-queries";
import { createChange } from "./create-change";

describe("getChangeDetail", () => {
  it("finds a change by its number, in any case, and hides another person's draft by number as by id", async () => {
    const author = asActor(await createUser(db, { roles: ["ENGINEER"] }));
    const stranger = asActor(await createUser(db, { roles: ["ENGINEER"] }));
    const service = await createService(db, { onCallUserId: author.id });
    const submitted = await createChange(author, changeFormValues({ serviceId: service.id, onCallUserId: author.id }), { submit: true });
    const draft = await createChange(author, changeFormValues({ serviceId: service.id, onCallUserId: author.id }), { submit: false });

    expect((await getChangeDetail(stranger, submitted.number)).cr.id).toBe(submitted.id);
    expect((await getChangeDetail(stranger, submitted.number.toLowerCase())).cr.id).toBe(submitted.id);
    expect((await getChangeDetail(author, draft.number)).cr.id).toBe(draft.id);
    await expect(getChangeDetail(stranger, draft.number)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getChangeDetail(stranger, draft.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getChangeDetail(stranger, "CR-1999-999")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
