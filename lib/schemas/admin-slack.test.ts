// The admin forms' Slack fields: left out keeps what is stored, blank clears it, anything else is checked.
import { describe, expect, it } from "vitest";
import { serviceSchema, updateUserSchema } from "./admin";

const user = { id: "u1", name: "Ana", roles: ["CAB_MEMBER"], disabled: false };
const service = { name: "checkout-api", team: "payments", awsRegion: "us-east-1", kind: "LAMBDA", functionName: "checkout", alias: "live" };

describe("Slack fields of the admin forms", () => {
  it("a user's Slack member id: kept when left out, cleared when blank, refused when it is not a member id", () => {
    expect(updateUserSchema.parse(user).slackUserId).toBeUndefined();
    expect(updateUserSchema.parse({ ...user, slackUserId: " " }).slackUserId).toBeNull();
    expect(updateUserSchema.parse({ ...user, slackUserId: " U01ABCDEF " }).slackUserId).toBe("U01ABCDEF");
    const bad = updateUserSchema.safeParse({ ...user, slackUserId: "@ana" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ["slackUserId"], message: expect.stringContaining("member id looks like U01ABCDEF") });
  });

  it("a service's and its team's channel: #name or a channel id", () => {
    expect(serviceSchema.parse({ ...service, slackChannel: "#payments-deploys", teamSlackChannel: "C01ABCDEF" })).toMatchObject({ slackChannel: "#payments-deploys", teamSlackChannel: "C01ABCDEF" });
    expect(serviceSchema.parse({ ...service, slackChannel: "" }).slackChannel).toBeNull();
    const bad = serviceSchema.safeParse({ ...service, slackChannel: "Payments Deploys" });
    expect(bad.error?.issues[0]).toMatchObject({ path: ["slackChannel"], message: expect.stringContaining("#name") });
  });
});
