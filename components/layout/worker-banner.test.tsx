import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { WorkerBanner } from "./worker-banner";

const text = (html: string) => html.replace(/<[^>]+>/g, "");

describe("WorkerBanner", () => {
  it("says nothing while a worker is alive, or when the read failed", () => {
    expect(renderToStaticMarkup(<WorkerBanner health={{ state: "alive", lastBeatAt: new Date() }} />)).toBe("");
    expect(renderToStaticMarkup(<WorkerBanner health={undefined} />)).toBe("");
  });

  it("tells everyone deployments are not advancing, for how long, and where to look", () => {
    const html = renderToStaticMarkup(<WorkerBanner health={{ state: "stale", lastBeatAt: new Date(), silentForMs: 185_000 }} />);
    expect(html).toContain('role="alert"');
    expect(text(html)).toContain("Deployments are not advancing. No deploy worker has been heard from for 3 min.");
    expect(html).toContain('href="/api/health"');
  });

  it("names a portal whose worker never started", () => {
    expect(text(renderToStaticMarkup(<WorkerBanner health={{ state: "never-seen" }} />))).toContain("No deploy worker has started on this portal yet.");
  });
});
