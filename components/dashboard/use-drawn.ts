"use client";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False on the server and during hydration, true after: charts draw in the browser only. On the
 * server a chart has no size to draw at anyway, and rendering recharts' tree for six charts cost
 * the page CPU on every view; the labelled, sized box (role="img") is rendered either way.
 */
export function useDrawn(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}
