// Child processes that live as long as the script: started with a name, stopped together.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { ROOT } from "./app-env";

const children: ChildProcess[] = [];

export function bin(name: string): string {
  return path.join(ROOT, "node_modules", ".bin", name);
}

export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, opts: { quiet?: boolean } = {}): ChildProcess {
  // Its own process group, so stopping it reaches what it starts too (`next start` runs the server
  // in a child process; signalling only the wrapper left that server running on the port).
  const child = spawn(command, args, { cwd: ROOT, env, stdio: opts.quiet ? ["ignore", "ignore", "inherit"] : "inherit", detached: true });
  child.on("exit", (code, signal) => {
    if (!stopping && code !== 0) console.error(`${name} exited (${signal ?? code}).`);
  });
  children.push(child);
  return child;
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
  for (const c of children) signalGroup(c, "SIGKILL");
});

let stopping = false;
export async function stopChildren(): Promise<void> {
  stopping = true;
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          // The group too when the wrapper has already gone: what it started may still be running.
          signalGroup(c, "SIGTERM");
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once("exit", () => resolve());
          setTimeout(() => signalGroup(c, "SIGKILL"), 5000).unref();
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
    child.on("exit", (code) => resolve(code ?? 1));
  });
}
