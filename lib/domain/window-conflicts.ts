// Change windows on the same service that overlap: two teams planning to move one alias at once.
// Flagged on the calendar and on both CRs; a conflict is a warning for the CAB, not a block.
import { ABANDONED_CR_STATES, type CrState } from "./vocabulary";

export interface ChangeWindow {
  id: string;
  serviceId: string;
  windowStart: Date;
  windowDurationMin: number;
  /** When given, cancelled and rejected CRs are skipped: their windows will never be used. */
  state?: CrState;
}

export interface WindowConflict {
  serviceId: string;
  /** The CR whose window starts first (ties: smaller id). */
  a: string;
  b: string;
  overlapStart: Date;
  overlapEnd: Date;
}

const IGNORED_STATES: ReadonlySet<CrState> = new Set<CrState>(ABANDONED_CR_STATES);

interface Span {
  id: string;
  start: number;
  end: number;
}

/**
 * Windows are half-open [start, start + duration): one ending at 10:00 and one starting at 10:00 do
 * not conflict. Two windows conflict when each starts before the other ends (so a zero-length window
 * conflicts only with a window strictly around it).
 */
export function windowsOverlap(x: { start: number; end: number }, y: { start: number; end: number }): boolean {
  return x.start < y.end && y.start < x.end;
}

function spanOf(c: ChangeWindow): Span {
  const start = c.windowStart.getTime();
  return { id: c.id, start, end: start + Math.max(0, c.windowDurationMin) * 60_000 };
}

const byStart = (x: Span, y: Span) => x.start - y.start || x.end - y.end || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/**
 * Every pair of CRs on the same service with overlapping windows, once each. Per service: sort by
 * start and sweep, keeping the windows still open; each new window is checked only against those.
 * O(n log n + k) for k conflicts, so a few thousand CRs cost milliseconds.
 */
export function findWindowConflicts(changes: readonly ChangeWindow[]): WindowConflict[] {
  const byService = new Map<string, Span[]>();
  for (const c of changes) {
    if (c.state && IGNORED_STATES.has(c.state)) continue;
    const list = byService.get(c.serviceId) ?? [];
    list.push(spanOf(c));
    byService.set(c.serviceId, list);
  }
  const out: WindowConflict[] = [];
  for (const serviceId of [...byService.keys()].sort()) {
    const spans = byService.get(serviceId)!.sort(byStart);
    let open: Span[] = [];
    for (const s of spans) {
      // A window that ended at or before this start can overlap nothing that starts later.
      open = open.filter((o) => o.end > s.start);
      for (const o of open) {
        if (!windowsOverlap(o, s)) continue;
        out.push({
          serviceId,
          a: o.id,
          b: s.id,
          overlapStart: new Date(Math.max(o.start, s.start)),
          overlapEnd: new Date(Math.min(o.end, s.end)),
        });
      }
      open.push(s);
    }
  }
  return out;
}

/** For each CR, the CRs it conflicts with — to flag "on both CRs". */
export function conflictsByChange(conflicts: readonly WindowConflict[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    const list = map.get(from) ?? [];
    list.push(to);
    map.set(from, list);
  };
  for (const c of conflicts) {
    link(c.a, c.b);
    link(c.b, c.a);
  }
  return map;
}
