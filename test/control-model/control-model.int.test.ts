// Model-based test of the whole control surface (the control-integrity issue; flags too): random commands by
// random people through the real services, on real PostgreSQL and the AWS sandbox, with the clock
// moving; after every command the oracle (oracle-rules.ts, written apart from lib/domain) checks the
// sandbox's alias journal, the changes' states and the audit trail. The seed is printed; set
// CHANGEGATE_MODEL_SEED to replay, CHANGEGATE_MODEL_COMMANDS to change the length (the long run:
// `npm run test:control-model`).
import { afterAll, beforeAll, expect, it } from "vitest";
import { outcomes, runModel } from "./runner";
import { createWorld, destroyWorld, type World } from "./world";
import { scaled } from "@/test/timeouts";

const seed = Number(process.env.CHANGEGATE_MODEL_SEED ?? Math.floor(Math.random() * 2 ** 31));
const commands = Number(process.env.CHANGEGATE_MODEL_COMMANDS ?? 10_000);
let world: World;

beforeAll(async () => {
  console.log(`control model: seed ${seed}, ${commands} commands`);
  world = await createWorld(seed);
});
afterAll(async () => {
  if (world) await destroyWorld(world);
});

it(`${commands} random commands keep every production write covered and the record true`, async () => {
  const stats = await runModel(world, seed, commands, (n) => console.log(`control model: ${n} commands`));
  const seen = await outcomes();
  console.log(`control model: seed ${seed}`, JSON.stringify({ ...seen, accepted: stats.accepted, refused: stats.refused }));
  // Not vacuous: the run approved, deployed, rolled back by hand and met hand changes.
  expect(seen.approved).toBeGreaterThan(0);
  expect(seen.deploysStarted).toBeGreaterThan(0);
  if (commands >= 5_000) {
    expect(seen.deploysSucceeded).toBeGreaterThanOrEqual(3);
    expect(seen.manualRollbacks).toBeGreaterThanOrEqual(3);
    expect(seen.stoppedByDrift + seen.deploysRolledBack).toBeGreaterThanOrEqual(1);
    expect(Object.values(seen.flagRollouts).reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(1);
  }
}, scaled(600_000 + commands * 150));
