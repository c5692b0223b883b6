// What a command may touch, injected so the commands are testable without a process or a clock.
import type { ApiClient } from "./api-client";

export interface Io {
  /** stdout: the one value a pipeline captures (CR number, deployment id). */
  out(line: string): void;
  /** stderr: what happened, for people reading the log. */
  log(line: string): void;
  env: Record<string, string | undefined>;
  readFile(path: string): Promise<string>;
  appendFile(path: string, text: string): Promise<void>;
  sleep(ms: number): Promise<void>;
  now(): number;
}

export interface Ctx extends Io {
  api: ApiClient;
}

/** Exit codes, documented in `changegate help`. */
export const EXIT = {
  OK: 0,
  /** The answer is no: the gate failed (its result was recorded), the change was rejected. */
  NO: 1,
  /** Gave up waiting: not ready / deployment not finished before --timeout. */
  TIMEOUT: 2,
  /** The deployment ended rolled back or failed. */
  DEPLOY_FAILED: 3,
  /** Changegate refused the request or could not be reached; nothing was recorded. */
  REFUSED: 4,
  /** The report file is missing, unreadable or not the format the gate reads; nothing was sent. */
  BAD_REPORT: 5,
  USAGE: 64,
} as const;

/** GitHub Actions: make a value available to later steps as steps.<id>.outputs.<name>. */
export async function setOutput(io: Io, name: string, value: string): Promise<void> {
  const file = io.env.GITHUB_OUTPUT;
  if (file) await io.appendFile(file, `${name}=${value}\n`);
}

/** A link to this pipeline run when it is a GitHub Actions run: the evidence of a gate result. */
export function runUrl(env: Io["env"]): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}
