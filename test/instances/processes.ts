// The portal's production processes for the several-instances test: web servers from the production
// build (scripts/serve.mjs, as `npm start` runs them) and deploy workers (scripts/deploy-worker.ts),
// each a child process of its own that the test can SIGKILL.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { scaled } from "@/test/timeouts";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface Instance {
  name: string;
  child: ChildProcess;
  /** The last output lines, for a failure message. */
  output(): string;
  exited: Promise<void>;
}

const running = new Set<Instance>();

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function launch(name: string, args: string[], env: NodeJS.ProcessEnv): Instance {
  // Its own process group: serve.mjs forks its web worker, and a kill must reach both.
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  const keep = (b: Buffer) => (out = (out + b.toString()).slice(-4000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const instance: Instance = { name, child, output: () => out, exited };
  running.add(instance);
  void exited.then(() => running.delete(instance));
  return instance;
}

function waitForOutput(i: Instance, text: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (i.output().includes(text)) return resolve();
    const timer = setTimeout(() => reject(new Error(`${i.name} did not print '${text}' in ${timeoutMs} ms:\n${i.output()}`)), timeoutMs);
    const look = () => {
      if (!i.output().includes(text)) return;
      clearTimeout(timer);
      resolve();
    };
    i.child.stdout!.on("data", look);
    void i.exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${i.name} exited (${i.child.exitCode ?? i.child.signalCode}):\n${i.output()}`));
    });
  });
}

/** A web server on its own port from the production build in NEXT_DIST_DIR (one web process). */
export async function startWebServer(name: string, port: number, env: NodeJS.ProcessEnv): Promise<Instance & { url: string }> {
  const i = launch(name, ["scripts/serve.mjs", "--port", String(port), "--hostname", "127.0.0.1"], { ...env, CHANGEGATE_WEB_WORKERS: "1" });
  await waitForOutput(i, "Portal listening", scaled(60_000));
  return { ...i, url: `http://127.0.0.1:${port}` };
}

/** A deploy worker, as `npm start` runs it: node with tsx as a loader (the tsx CLI would fork a second process). */
export async function startWorker(name: string, env: NodeJS.ProcessEnv): Promise<Instance> {
  const i = launch(name, ["--conditions=react-server", "--import", "tsx", "scripts/deploy-worker.ts"], env);
  await waitForOutput(i, "deploy worker ready", scaled(60_000));
  return i;
}

export async function kill(i: Instance, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  try {
    if (i.child.pid) process.kill(-i.child.pid, signal);
  } catch {
    // the group is gone already
  }
  await i.exited;
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((i) => kill(i)));
}
