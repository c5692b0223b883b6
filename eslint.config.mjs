import next from "eslint-config-next";

// One way to send SQL (issue 12): reads in Kysely through @/lib/db (readDb, inTx, readOn, readPrepared),
// writes through the ORM or, where it cannot say them, writeIn; raw pg connections only in
// lib/pg-direct.ts (a cursor, LISTEN, session advisory locks). Scripts, tests and the test helpers
// under test/ talk to PostgreSQL directly to set it up and to check it.
const PG_DIRECT = { name: "pg", message: "Raw pg connections live in lib/pg-direct.ts (a cursor, LISTEN, session advisory locks); read with Kysely from @/lib/db." };
const RAW_SQL = {
  selector: "MemberExpression[property.name=/^\\$(queryRaw|executeRaw)/]",
  message: "Write the SQL in Kysely: reads with readDb/inTx/readOn from @/lib/db, writes the ORM cannot say with writeIn.",
};
const SQL_EXEMPT = ["lib/db.ts", "lib/pg-direct.ts", "scripts/**", "test/**", "**/*.test.ts", "**/*.test.tsx"];

const config = [
  ...next,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: SQL_EXEMPT,
    rules: { "no-restricted-syntax": ["error", RAW_SQL], "no-restricted-imports": ["error", { paths: [PG_DIRECT] }] },
  },
  // Playwright fixtures call their continuation `use`, which is not React's hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  // Layers in one direction: the orchestrator (lib/deploy) never imports the services; it asks them
  // through DeploymentOutcomes. Services and pages reach the orchestrator through its public entry
  // only (tests, scripts and the bench drive its worker directly).
  {
    files: ["lib/deploy/**"],
    rules: { "no-restricted-imports": ["error", { paths: [PG_DIRECT], patterns: [{ group: ["@/lib/server", "@/lib/server/**", "**/server/**"], message: "lib/deploy must not import lib/server: add what it needs to DeploymentOutcomes (lib/deploy/types.ts)." }] }] },
  },
  {
    files: ["lib/server/**", "app/**", "components/**"],
    ignores: SQL_EXEMPT,
    rules: { "no-restricted-imports": ["error", { paths: [PG_DIRECT], patterns: [{ group: ["@/lib/deploy/**", "**/deploy/*"], message: "Import the orchestrator's public entry, @/lib/deploy." }] }] },
  },
  { ignores: ["generated/**", ".next/**", ".next-*/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**"] },
];

export default config;
