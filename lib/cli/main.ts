// changegate: the pipeline's side of the CI API in one-line steps (bin/changegate.mjs runs this).
// Imports stay relative and free of server code: the CLI runs in any pipeline, outside Next.
import { appendFile, readFile } from "node:fs/promises";
import { ApiError, apiClient, type FetchLike } from "./api-client";
import { UsageError } from "./args";
import { EXIT, type Io } from "./io";
import { GATE_USAGE, OPEN_USAGE, openChange, reportGate } from "./open-gate";
import { ReportError } from "../ci-reports/report";
import { DEPLOY_USAGE, WAIT_USAGE, deploy, waitReady } from "./wait-deploy";

const COMMANDS = { open: [openChange, OPEN_USAGE], gate: [reportGate, GATE_USAGE], wait: [waitReady, WAIT_USAGE], deploy: [deploy, DEPLOY_USAGE] } as const;

export const HELP = `changegate — report to Changegate from a pipeline

Usage: changegate <command> [options]   (--url and --token, or CHANGEGATE_URL and CHANGEGATE_TOKEN)

${Object.values(COMMANDS)
  .map(([, usage]) => usage)
  .join("\n\n")}

Exit codes: 0 ok · 1 gate failed / change rejected · 2 timed out · 3 deployment rolled back or failed
            4 refused by Changegate or unreachable · 5 report file unreadable or of the wrong format · 64 usage`;

export function nodeIo(): Io {
  return {
    out: (l) => process.stdout.write(`${l}\n`),
    log: (l) => process.stderr.write(`${l}\n`),
    env: process.env,
    readFile: (p) => readFile(p, "utf8"),
    appendFile: (p, t) => appendFile(p, t, "utf8"),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    now: () => Date.now(),
  };
}

export async function runCli(argv: string[], io: Io, fetchImpl?: FetchLike): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.log(HELP);
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const command = COMMANDS[name as keyof typeof COMMANDS];
  if (!command) {
    io.log(`Unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(", ")}; see changegate help.`);
    return EXIT.USAGE;
  }
  const [run, usage] = command;
  try {
    if (rest.includes("--help") || rest.includes("-h")) {
      io.log(usage);
      return EXIT.OK;
    }
    const { args, url, token } = connection(rest, io.env);
    return await run({ ...io, api: apiClient(url, token, fetchImpl) }, args);
  } catch (e) {
    if (e instanceof UsageError) {
      io.log(`changegate ${name}: ${e.message}\n\n${usage}`);
      return EXIT.USAGE;
    }
    if (e instanceof ApiError) {
      const fields = Object.entries(e.fields).map(([f, m]) => `\n  ${f}: ${m}`).join("");
      io.log(e.status === 0 ? e.message : `Changegate refused (HTTP ${e.status} ${e.code}): ${e.message}${fields}`);
      return EXIT.REFUSED;
    }
    if (e instanceof ReportError) {
      io.log(e.message);
      return EXIT.BAD_REPORT;
    }
    throw e;
  }
}

/** --url/--token (anywhere in the arguments) over CHANGEGATE_URL/CHANGEGATE_TOKEN. */
function connection(argv: string[], env: Io["env"]) {
  const args: string[] = [];
  const found: { url?: string; token?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const m = /^--(url|token)(?:=(.*))?$/.exec(a);
    if (!m) {
      args.push(a);
      continue;
    }
    const v = m[2] ?? argv[++i];
    if (v === undefined) throw new UsageError(`--${m[1]} needs a value.`);
    found[m[1] as "url" | "token"] = v;
  }
  const url = found.url ?? env.CHANGEGATE_URL;
  const token = found.token ?? env.CHANGEGATE_TOKEN;
  if (!url) throw new UsageError("Set CHANGEGATE_URL (or --url) to the portal's address, e.g. https://changegate.example.com.");
  if (!/^https?:\/\//i.test(url)) throw new UsageError(`CHANGEGATE_URL must start with http:// or https://; got '${url}'.`);
  if (!token) throw new UsageError("Set CHANGEGATE_TOKEN (or --token) to a CI token from Admin → CI tokens.");
  return { args, url, token };
}

