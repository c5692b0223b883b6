// What the bench reads about its processes from /proc (Linux): CPU time and resident memory of a
// process and its descendants — the portal (serve.mjs and its web workers) or PostgreSQL and its
// backends. On a shared, noisy machine, CPU per request is the figure the neighbours do not move.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_S = 100; // USER_HZ on Linux

interface Proc {
  ppid: number;
  cpuSeconds: number;
}

function allProcs(): Map<number, Proc> {
  const procs = new Map<number, Proc>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      procs.set(Number(d), { ppid: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S });
    } catch {
      // the process ended while we looked
    }
  }
  return procs;
}

/** A process's parent, or undefined when it is not running here. */
export function parentPid(pid: number): number | undefined {
  return allProcs().get(pid)?.ppid;
}

/** The process and all its descendants that are alive now; empty when the root is gone. */
function processTree(rootPid: number, procs = allProcs()): number[] {
  if (!procs.has(rootPid)) return [];
  const inTree = (pid: number): boolean => pid === rootPid || (pid > 1 && procs.has(pid) && inTree(procs.get(pid)!.ppid));
  return [...procs.keys()].filter(inTree);
}

/** CPU seconds (user + system) the tree has used so far; NaN when the root is gone. */
export function treeCpuSeconds(rootPid: number): number {
  const procs = allProcs();
  const tree = processTree(rootPid, procs);
  return tree.length === 0 ? NaN : tree.reduce((sum, pid) => sum + procs.get(pid)!.cpuSeconds, 0);
}

/** Resident set size of each process of the tree, in MB. */
export function rssByPid(rootPid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of processTree(rootPid)) {
    try {
      out.set(pid, Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024);
    } catch {
      // idem
    }
  }
  return out;
}
