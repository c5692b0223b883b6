// Commands through Slack's buttons: an Approve click and a Roll back click, signed as Slack signs
// them and handled by the interactivity endpoint's handler at the model's clock. A click is one more
// way to vote and to write production, so the oracle judges it exactly as the portal's own button.
import { slackClickRequest } from "@/lib/notify/fake-slack";
import { handleSlackInteraction } from "@/lib/server/slack-interaction";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { vote } from "./commands-change";
import { ecsJournalEnd } from "./commands-prod";
import { NOTHING, Violation, type Allow } from "./oracle-checks";
import { currentDeployment, rollbackReasons } from "./oracle-rules";
import type { Rng } from "./rng";
import { liveOf, PERSON_KEYS, slackIdOf, type PersonKey, type World } from "./world";

const SECRET = "model-slack-signing-secret";

/** One signed click by `who`; a refusal surfaces as the AppError the runner counts as refused. */
async function click(w: World, who: PersonKey, actionId: string, value: object): Promise<string> {
  const req = slackClickRequest("http://slack.invalid", { signingSecret: SECRET, userId: slackIdOf(w, who), actionId, value: JSON.stringify(value), timestamp: Math.floor(w.now / 1000) });
  const answer = await handleSlackInteraction(
    { body: req.body, timestamp: req.headers["x-slack-request-timestamp"]!, signature: req.headers["x-slack-signature"]! },
    { signingSecret: SECRET, now: new Date(w.now), gateways: { lambda: w.aws.lambda, ecs: w.aws.ecs }, respond: async () => undefined },
  );
  if (answer.status !== 200) throw new Violation(`a correctly signed click by ${who} was answered ${answer.status}: ${answer.text}`);
  if (!answer.ok) throw new AppError("CONFLICT", answer.text);
  return answer.text;
}

/** Approve from a Slack message: the vote command's choice and judgement, the click instead of the form. */
export async function slackApprove(w: World, r: Rng): Promise<Allow> {
  return vote(w, r, async (who, crId) => {
    await click(w, who, "cg:approve", { crId });
  });
}

/** Roll back from the message about the deployment the alias serves: to the version it replaced. */
export async function slackRollback(w: World, r: Rng): Promise<Allow> {
  const service = r.int(3);
  const s = w.services[service]!;
  const live = await liveOf(w, service);
  const current = currentDeployment(w, service, live.v);
  if (!current) return NOTHING;
  const who = r.chance(0.5) && current.cr != null ? w.crs[current.cr]!.requester : r.pick(PERSON_KEYS);
  const reasons = rollbackReasons(w, service, who, current.from, "Rolled back from Slack", live);
  let text: string;
  try {
    text = await click(w, who, "cg:rollback", { serviceId: s.id, deploymentId: current.id });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    // The message is stale once a later deployment or rollback succeeded: the portal may know a newer one than the model's current.
    if (reasons.length === 0 && !/no longer what the service serves/.test(e.message)) throw new Violation(`a Slack rollback of ${s.fn} by ${who} was refused although the oracle allows it: ${e.message}`);
    throw e;
  }
  if (reasons.length > 0) throw new Violation(`a Slack rollback of ${s.fn} to ${current.from} by ${who} was accepted although: ${reasons.join("; ")} (${text})`);
  const done = await db.deployment.findFirstOrThrow({ where: { serviceId: s.id, kind: "ROLLBACK" }, orderBy: { startedAt: "desc" } });
  w.deployments.push({ id: done.id, kind: "ROLLBACK", service, cr: null, from: live.v, to: current.from, weights: [1], startSeq: w.journalSeq, startEcsSeq: ecsJournalEnd(w), at: w.now, state: "SHIFTING" });
  current.state = "REVERTED";
  return (c, f, t) => (c === current.cr && f === "DEPLOYED" && t === "ROLLED_BACK" ? null : NOTHING(c, f, t));
}
