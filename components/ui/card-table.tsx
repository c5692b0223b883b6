// On a phone a wide table becomes a list of cards (app/globals.css, `table.card-table`): each cell
// is a line led by its column's name. The names are set once per table with nth-child rules, not on
// every cell, so a 500-cell page carries them once.

/** Spread on the <table> (with the `card-table` class): `<table {...cardTable("changes")} className="card-table …">`. */
export function cardTable(name: string) {
  return { "data-cards": name } as const;
}

/** The column names shown before each cell on a phone, in column order (blank for none). */
export function CardLabels({ name, labels }: { name: string; labels: readonly string[] }) {
  const css = labels
    .map((label, i) => `[data-cards="${name}"]>tbody>tr>td:nth-child(${i + 1})${label ? `::before{content:${JSON.stringify(label)}}` : "{padding-left:0.75rem}"}`)
    .join("");
  // Only on a phone, as the card layout itself (same breakpoint as app/globals.css).
  return <style>{`@media (max-width: 639.98px){${css}}`}</style>;
}
