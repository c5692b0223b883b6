// The portal's production web server: one Next.js server per worker process, all on one port
// (node:cluster hands each new connection to a worker). A Next server renders on one thread, so a
// single process leaves the machine's other cores idle while pages queue behind each other.
// CHANGEGATE_WEB_WORKERS sets the count (default: one per core, at most 4). Plain JavaScript run by
// plain node: the server must not carry a TypeScript loader or the react-server import condition.
// Each worker's V8 old generation is capped (CHANGEGATE_WEB_HEAP_MB, default 200): uncapped, V8 grew
// a worker's heap to ~400 MB under ten concurrent dashboard renders and kept it, though what stays
// alive is far less; capped, it collects sooner (peak RSS ~250 MB through a 300,000-row CSV export).
// The primary process only hands out connections and replaces a worker that exits.
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

// As `next start` does: production React builds and Next's production paths, decided at import time.
process.env.NODE_ENV = "production";

const { values } = parseArgs({ options: { port: { type: "string", default: "3000" }, hostname: { type: "string", default: "0.0.0.0" }, dir: { type: "string" } } });
const port = Number(values.port);
const requested = Number(process.env.CHANGEGATE_WEB_WORKERS ?? Math.min(4, os.availableParallelism()));
const workers = Number.isInteger(requested) && requested > 0 ? requested : 1;
const heapMb = Number(process.env.CHANGEGATE_WEB_HEAP_MB ?? 200);

if (cluster.isPrimary) {
  const execArgv = process.execArgv.some((a) => a.startsWith("--max-old-space-size")) || !(heapMb > 0) ? process.execArgv : [...process.execArgv, `--max-old-space-size=${heapMb}`];
  cluster.setupPrimary({ execArgv });
  let stopping = false;
  const fork = () => cluster.fork().on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`Web worker exited (${signal ?? code}); starting another.`);
    fork();
  });
  for (let i = 0; i < workers; i++) fork();
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill("SIGTERM");
      setTimeout(() => process.exit(0), 5000).unref();
      cluster.on("exit", () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
    });
  }
} else {
  const { default: next } = await import("next");
  // --dir serves another app the same way (the bench's reference app).
  const app = next({ dev: false, dir: values.dir ? path.resolve(values.dir) : path.resolve(import.meta.dirname, ".."), hostname: "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => handle(req, res));
  // Longer than common load balancers' idle timeouts, so they never reuse a connection we just closed.
  server.keepAliveTimeout = 65_000;
  server.listen(port, values.hostname, () => {
    if (!cluster.isWorker || cluster.worker?.id === 1) console.log(`Portal listening on port ${port} (${workers} web worker${workers === 1 ? "" : "s"}).`);
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => server.close(() => process.exit(0)));
}
