import type { ReactNode } from "react";

// The classes live in app/globals.css (.badge, .badge-<tone>): a long table of badges repeated the
// same eleven utilities per badge in both the HTML and the React payload.
export type Tone = "slate" | "blue" | "green" | "amber" | "red" | "violet";

export function Badge({ tone = "slate", children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`badge badge-${tone}`}>
      {children}
    </span>
  );
}
