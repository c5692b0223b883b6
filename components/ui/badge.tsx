import type { ReactNode } from "react";

// The classes live in app/globals.css (.badge, .badge-<tone>).
const TONES = ["slate", "blue", "green", "amber", "red", "violet"] as const;
export type Tone = (typeof TONES)[number];

export function Badge({ tone = "slate", children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`badge badge-${tone}`}>
      {children}
    </span>
  );
}
