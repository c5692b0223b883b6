// npm run test:control-model — the long run of the model-based control test (100,000 commands by
// default; `-- --commands N --seed S` to choose). The same test file the suite runs at 10,000, on a
// real PostgreSQL (embedded, or DATABASE_URL's) and the in-process AWS sandbox. Prints the seed
// first, so a failure replays with `--seed`.
import { bin, runToCompletion } from "./lib/processes";
import { loadDotEnv } from "./lib/app-env";

loadDotEnv();
const arg = (name: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);
const commands = Number(arg("commands") ?? 100_000);
const seed = Number(arg("seed") ?? Math.floor(Math.random() * 2 ** 31));
if (!Number.isInteger(commands) || commands < 1) throw new Error(`--commands must be a positive whole number (got ${arg("commands")})`);
if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a whole number of at least 0 (got ${arg("seed")})`);
console.log(`control model long run: ${commands} commands, seed ${seed} (replay: npm run test:control-model -- --commands ${commands} --seed ${seed})`);
const started = Date.now();
const code = await runToCompletion(bin("vitest"), ["run", "--project", "integration", "test/control-model/control-model.int.test.ts"], {
  ...process.env,
  CHANGEGATE_MODEL_COMMANDS: String(commands),
  CHANGEGATE_MODEL_SEED: String(seed),
  CHANGEGATE_BCRYPT_COST: "4",
});
console.log(`control model long run: ${code === 0 ? "passed" : "FAILED"} in ${Math.round((Date.now() - started) / 1000)} s (seed ${seed})`);
process.exit(code);
