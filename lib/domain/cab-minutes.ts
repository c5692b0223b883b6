// A meeting's minutes: one entry per line, each stamped with the instant it happened ("@<ISO> text"),
// so the page and the export show the time in the reader's zone. Lines without a stamp (free text from
// before entries were stamped, or a multi-line note's later lines) continue the entry above them.

export interface MinutesEntry {
  at: Date | null;
  text: string;
}

const STAMP = /^@(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (.*)$/;

/** The text to append for one entry: a note's own line breaks become continuation lines. */
export function minutesLine(at: Date, text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n").map((l) => l.trimEnd());
  // A continuation line that looked like a stamp would read as an entry of its own.
  const safe = lines.map((l, i) => (i > 0 && STAMP.test(l) ? ` ${l}` : l)).filter((l, i) => i === 0 || l.trim() !== "");
  return `@${at.toISOString()} ${safe.join("\n")}\n`;
}

export function parseMinutes(minutes: string): MinutesEntry[] {
  const entries: MinutesEntry[] = [];
  for (const line of minutes.split("\n")) {
    const m = STAMP.exec(line);
    if (m) entries.push({ at: new Date(m[1]!), text: m[2]! });
    else if (line.trim() === "") continue;
    else if (entries.length > 0) entries[entries.length - 1]!.text += `\n${line}`;
    else entries.push({ at: null, text: line });
  }
  return entries;
}
