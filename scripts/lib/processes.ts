// Child processes that live as long as the script: started with a name, stopped together (or some
// first: what uses the database before the database), and, when supervised, restarted when they die.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { ROOT } from "./app-env";

interface Running {
  name: string;
  child: ChildProcess;
  /** How long it may take to stop on SIGTERM before it is killed. */
  stopTimeoutMs: number;
}

export interface ChildOptions {
  quiet?: boolean;
  stopTimeoutMs?: number;
}

const running = new Set<Running>();
/** Children of runToCompletion (a build): not stopped in order, but never left behind either. */
const oneShots = new Set<ChildProcess>();
const restartTimers = new Set<NodeJS.Timeout>();
let stopping = false;

export function bin(name: string): string {
  return path.join(ROOT, "node_modules", ".bin", name);
}

function launch(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, opts: ChildOptions): Running {
  // Its own process group, so stopping it reaches what it starts too (`next start` runs the server
  // in a child process; signalling only the wrapper left that server running on the port), and a
  // terminal's Ctrl+C reaches this script only, which then stops the children in order.
  const child = spawn(command, args, { cwd: ROOT, env, stdio: opts.quiet ? ["ignore", "ignore", "inherit"] : "inherit", detached: true });
  const r: Running = { name, child, stopTimeoutMs: opts.stopTimeoutMs ?? 5_000 };
  running.add(r);
  child.once("exit", () => running.delete(r));
  return r;
}

export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, opts: ChildOptions = {}): ChildProcess {
  const { child } = launch(name, command, args, env, opts);
  child.on("exit", (code, signal) => {
    if (!stopping && code !== 0) console.error(`${name} exited (${signal ?? code}).`);
  });
  return child;
}

export interface Backoff {
  firstMs: number;
  maxMs: number;
  /** A run at least this long counts as healthy: the next failure starts the backoff again. */
  healthyAfterMs: number;
}
export const DEFAULT_BACKOFF: Backoff = { firstMs: 1_000, maxMs: 30_000, healthyAfterMs: 60_000 };

/** Wait before restart number `failuresInARow + 1`: first, twice that, … up to max. */
export function restartDelayMs(failuresInARow: number, b: Backoff = DEFAULT_BACKOFF): number {
  return Math.min(b.maxMs, b.firstMs * 2 ** Math.min(failuresInARow, 30));
}

export interface Supervised {
  /** The process running now (undefined while waiting to restart). */
  current(): ChildProcess | undefined;
  restarts(): number;
}

/**
 * A child that must keep running (the deploy worker): whenever it exits while this script is not
 * stopping — a crash, kill -9, the OOM killer — it is started again, after 1 s, 2 s, 4 s … 30 s
 * when it keeps dying, and promptly again once it has run for a minute.
 */
export function superviseChild(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: ChildOptions & { backoff?: Backoff; log?: (m: string) => void } = {},
): Supervised {
  const log = opts.log ?? ((m: string) => console.error(m));
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;
  let current: ChildProcess | undefined;
  let failures = 0;
  let restarts = 0;
  const start = () => {
    const startedAt = Date.now();
    const { child } = launch(name, command, args, env, opts);
    current = child;
    child.once("exit", (code, signal) => {
      if (current === child) current = undefined;
      if (stopping) return;
      if (Date.now() - startedAt >= backoff.healthyAfterMs) failures = 0;
      const delay = restartDelayMs(failures++, backoff);
      log(`${name} exited (${signal ?? `code ${code}`}); starting it again in ${delay / 1000} s.`);
      const timer = setTimeout(() => {
        restartTimers.delete(timer);
        if (stopping) return;
        restarts++;
        start();
      }, delay);
      restartTimers.add(timer);
    });
  };
  start();
  return { current: () => current, restarts: () => restarts };
}

function signalGroup(c: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (c.pid) process.kill(-c.pid, signal);
  } catch {
    c.kill(signal); // the group is gone already
  }
}

// Whatever happens to this script, its children's groups must not outlive it.
process.once("exit", () => {
  for (const r of running) signalGroup(r.child, "SIGKILL");
  for (const c of oneShots) c.kill("SIGKILL");
});

/**
 * Stops the named children (all when no names are given) and waits until they have exited: SIGTERM
 * to each one's group, SIGKILL after its stop timeout. From the first call on, nothing restarts.
 */
export async function stopChildren(names?: string[]): Promise<void> {
  stopping = true;
  for (const t of restartTimers) clearTimeout(t);
  restartTimers.clear();
  if (!names) for (const c of oneShots) c.kill("SIGTERM");
  const chosen = [...running].filter((r) => !names || names.includes(r.name));
  await Promise.all(
    chosen.map(
      ({ child, stopTimeoutMs }) =>
        new Promise<void>((resolve) => {
          // The group too when the wrapper has already gone: what it started may still be running.
          signalGroup(child, "SIGTERM");
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          setTimeout(() => signalGroup(child, "SIGKILL"), stopTimeoutMs).unref();
        }),
    ),
  );
}

export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Polls a URL until it answers (any HTTP status) or the deadline passes. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { redirect: "manual" });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export function runToCompletion(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: "inherit" });
    oneShots.add(child);
    child.on("exit", (code) => {
      oneShots.delete(child);
      resolve(code ?? 1);
    });
  });
}
