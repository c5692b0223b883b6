import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DASHBOARD_MAX_RANGE_DAYS,
  HISTORY_SORT_FIELDS,
  OUTCOME_FILTERS,
  PAGE_SIZES,
  dashboardFiltersToQuery,
  dashboardPeriod,
  historyFiltersToQuery,
  outcomeFilterWhere,
  parseDashboardFilters,
  parseHistoryFilters,
  type HistoryFilters,
} from "./history-filters";
import { STRATEGY_NAMES } from "./strategy-names";
import { RISK_LEVELS } from "./vocabulary";

const ctx = { today: "2024-06-15" };
const parse = (q: string) => parseHistoryFilters(new URLSearchParams(q), ctx);
const errorsOf = (q: string) => {
  const r = parse(q);
  if (r.ok) throw new Error(`expected errors for ${q}`);
  return r.errors;
};

describe("history filters from the URL", () => {
  it("no parameters: defaults", () => {
    expect(parse("")).toEqual({
      ok: true,
      value: { sort: { field: "started", direction: "desc" }, page: 1, pageSize: 50 },
    });
  });

  it("parses every filter, canonicalising case, trimming and ignoring unknown parameters", () => {
    const r = parse(
      "service=svc_1&team=team-a&outcome=rolled-back-manual&strategy=canary10percent5minutes&risk=high" +
        "&requester=u1&from=2024-03-01&to=2024-03-31&sort=duration&page=3&pageSize=100&utm_source=mail&service=second",
    );
    expect(r).toEqual({
      ok: true,
      value: {
        service: "svc_1",
        team: "team-a",
        outcome: "rolled-back-manual",
        strategy: "Canary10Percent5Minutes",
        risk: "HIGH",
        requester: "u1",
        from: "2024-03-01",
        to: "2024-03-31",
        sort: { field: "duration", direction: "asc" },
        page: 3,
        pageSize: 100,
      },
    });
  });

  it("reads Next's searchParams record, and empty values mean 'any'", () => {
    const r = parseHistoryFilters({ service: ["", "svc"], outcome: "", risk: undefined, page: " 2 " }, ctx);
    expect(r.ok && r.value).toMatchObject({ service: "svc", page: 2 });
    expect(r.ok && r.value.outcome).toBeUndefined();
  });

  it("unknown enum values name the value and the choices", () => {
    const e = errorsOf("outcome=exploded&strategy=YOLO&risk=extreme&sort=-colour");
    expect(e.outcome).toBe(`Unknown outcome "exploded". Use one of: ${OUTCOME_FILTERS.join(", ")}.`);
    expect(e.strategy).toMatch(/^Unknown strategy "YOLO"\. Use one of: BLUE_GREEN, AllAtOnce/);
    expect(e.risk).toBe('Unknown risk "extreme". Use one of: LOW, MEDIUM, HIGH.');
    expect(e.sort).toMatch(/^Unknown sort "-colour"\. Sort by one of: started, finished/);
  });

  it("bad pages, sizes, ids and dates say what is wrong", () => {
    const e = errorsOf("page=0&pageSize=30&service=a b&from=2024-02-30&to=31/03/2024");
    expect(e.page).toBe("Page must be at least 1");
    expect(e.pageSize).toBe("Page size must be one of 25, 50, 100");
    expect(e.service).toMatch(/^Service must be an id/);
    expect(e.from).toBe("Start date is not a calendar date");
    expect(e.to).toBe("End date must be a date like 2024-03-31");
    expect(errorsOf("page=two").page).toBe("Page must be a whole number");
  });

  it("an inverted range is refused at the start date", () => {
    expect(errorsOf("from=2024-05-10&to=2024-05-01")).toEqual({
      from: "The start date 2024-05-10 is after the end date 2024-05-01; swap them or pick an earlier start.",
    });
  });

  it("a range in the future is refused at the date in the future; today itself is fine", () => {
    expect(errorsOf("from=2024-06-16")).toEqual({ from: "The start date 2024-06-16 is in the future (today is 2024-06-15)." });
    expect(errorsOf("from=2024-06-01&to=2024-07-01")).toEqual({ to: "The end date 2024-07-01 is in the future (today is 2024-06-15)." });
    expect(parse("from=2024-06-15&to=2024-06-15").ok).toBe(true);
  });

  it("history has no maximum range unless asked, and a start before the data can be refused", () => {
    expect(parse("from=2015-01-01&to=2024-06-01").ok).toBe(true);
    const capped = parseHistoryFilters(new URLSearchParams("from=2015-01-01&to=2024-06-01"), { ...ctx, maxRangeDays: 366 });
    expect(!capped.ok && capped.errors.from).toMatch(/^The range covers 3440 days; at most 366 days/);
    const early = parseHistoryFilters(new URLSearchParams("from=2019-01-01"), { ...ctx, earliest: "2023-01-01" });
    expect(!early.ok && early.errors.from).toBe("There is no data before 2023-01-01; pick a start date on or after it.");
  });

  it("maps outcome filters to the deployment columns", () => {
    expect(outcomeFilterWhere("rolled-back")).toEqual({ outcome: "ROLLED_BACK" });
    expect(outcomeFilterWhere("rolled-back-auto")).toEqual({ outcome: "ROLLED_BACK", rollbackKind: "AUTOMATIC" });
    expect(outcomeFilterWhere("rolled-back-manual")).toEqual({ outcome: "ROLLED_BACK", rollbackKind: "MANUAL" });
    expect(outcomeFilterWhere("failed")).toEqual({ outcome: "FAILED" });
  });

  it("serialises back to a short, stable query", () => {
    expect(historyFiltersToQuery({ sort: { field: "started", direction: "desc" }, page: 1, pageSize: 50 })).toBe("");
    expect(historyFiltersToQuery({ service: "svc", outcome: "failed", sort: { field: "service", direction: "asc" }, page: 2 })).toBe(
      "?service=svc&outcome=failed&sort=service&page=2",
    );
  });

  it("property: parse(serialise(filters)) gives the filters back", () => {
    const id = fc.stringMatching(/^[A-Za-z0-9._-]{1,20}$/);
    const date = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2024, 5, 15) }).map((t) => new Date(t).toISOString().slice(0, 10));
    const filters = fc.record(
      {
        service: id,
        team: id,
        outcome: fc.constantFrom(...OUTCOME_FILTERS),
        strategy: fc.constantFrom(...STRATEGY_NAMES),
        risk: fc.constantFrom(...RISK_LEVELS),
        requester: id,
        range: fc.tuple(date, date).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
        sort: fc.record({ field: fc.constantFrom(...HISTORY_SORT_FIELDS), direction: fc.constantFrom("asc" as const, "desc" as const) }),
        page: fc.integer({ min: 1, max: 5000 }),
        pageSize: fc.constantFrom(...PAGE_SIZES),
      },
      { requiredKeys: ["sort", "page", "pageSize"] },
    );
    fc.assert(
      fc.property(filters, ({ range, ...rest }) => {
        const f: HistoryFilters = { ...rest, ...(range ? { from: range[0], to: range[1] } : {}) };
        const back = parse(historyFiltersToQuery(f).slice(1));
        expect(back).toEqual({ ok: true, value: f });
        return true;
      }),
    );
  });
});

describe("dashboard period", () => {
  const dctx = { today: "2024-06-15" };
  const dash = (q: string) => parseDashboardFilters(new URLSearchParams(q), dctx);

  it("defaults to the 28 days ending today, or ending at the given end", () => {
    expect(dash("")).toEqual({ ok: true, value: { from: "2024-05-19", to: "2024-06-15" } });
    expect(dash("to=2024-03-31")).toEqual({ ok: true, value: { from: "2024-03-04", to: "2024-03-31" } });
    expect(dash("from=2024-06-01&granularity=week")).toEqual({ ok: true, value: { from: "2024-06-01", to: "2024-06-15", granularity: "week" } });
  });

  it("refuses more than two years, inverted or future ranges, both scopes at once, unknown granularity", () => {
    const long = dash("from=2022-06-14&to=2024-06-15");
    expect(!long.ok && long.errors.from).toBe(
      `The range covers 733 days; at most ${DASHBOARD_MAX_RANGE_DAYS} days can be shown. Pick a later start date.`,
    );
    expect(dash("from=2022-06-16&to=2024-06-15").ok).toBe(true);
    const inverted = dash("from=2024-06-10&to=2024-06-01");
    expect(!inverted.ok && inverted.errors.from).toMatch(/is after the end date/);
    const future = dash("to=2025-01-01");
    expect(!future.ok && future.errors.to).toMatch(/is in the future/);
    const both = dash("team=t1&service=s1");
    expect(!both.ok && both.errors.service).toBe("Choose a team or a service, not both.");
    const g = dash("granularity=month");
    expect(!g.ok && g.errors.granularity).toBe('Unknown granularity "month". Use day or week.');
  });

  it("turns the dates into local-midnight instants and back into a query", () => {
    const p = dashboardPeriod({ from: "2024-03-25", to: "2024-03-31" }, "Europe/Berlin");
    expect(p).toEqual({ from: new Date("2024-03-24T23:00:00Z"), to: new Date("2024-03-31T22:00:00Z") });
    expect(dashboardFiltersToQuery({ from: "2024-03-25", to: "2024-03-31", service: "s1" })).toBe("?from=2024-03-25&to=2024-03-31&service=s1");
  });
});

describe("date ranges and the recorded data", () => {
  const data = { today: "2024-06-15", dataBegins: "2024-03-03" };
  const historyErrors = (q: string) => {
    const r = parseHistoryFilters(new URLSearchParams(q), data);
    return r.ok ? {} : r.errors;
  };
  const dashboardErrors = (q: string) => {
    const r = parseDashboardFilters(new URLSearchParams(q), data);
    return r.ok ? {} : r.errors;
  };

  it("refuses a range that ends before the first deployment", () => {
    const message = "No deployment was recorded before 2024-03-03 (the first one); this range ends on 2024-01-31. Pick an end date on or after 2024-03-03.";
    expect(historyErrors("from=2024-01-01&to=2024-01-31")).toEqual({ to: message });
    expect(dashboardErrors("from=2024-01-01&to=2024-01-31")).toEqual({ to: message });
  });

  it("refuses a range longer than the recorded history, but not a month starting a little before it", () => {
    expect(dashboardErrors("from=2020-01-01&to=2024-06-15").from).toBe(
      "The range covers 1628 days, longer than the 105 days of recorded deployments (the first on 2024-03-03). Pick a start date on or after 2024-03-03.",
    );
    expect(historyErrors("from=2020-01-01").from).toMatch(/^The range covers 1628 days, longer than the 105 days/);
    expect(historyErrors("from=2024-03-01&to=2024-03-31")).toEqual({});
    expect(dashboardErrors("from=2024-03-01&to=2024-03-31")).toEqual({});
  });

  it("never refuses the dashboard's default period, however new the data", () => {
    expect(parseDashboardFilters(new URLSearchParams(""), { today: "2024-06-15", dataBegins: "2024-06-14" }).ok).toBe(true);
  });
});
