import next from "eslint-config-next";

const config = [
  ...next,
  // Playwright fixtures call their continuation `use`, which is not React's hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  // Layers in one direction: the orchestrator (lib/deploy) never imports the services; it asks them
  // through DeploymentOutcomes. Services and pages reach the orchestrator through its public entry
  // only (tests, scripts and the bench drive its worker directly).
  {
    files: ["lib/deploy/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/server", "@/lib/server/**", "**/server/**"], message: "lib/deploy must not import lib/server: add what it needs to DeploymentOutcomes (lib/deploy/types.ts)." }] }] },
  },
  {
    files: ["lib/server/**", "app/**", "components/**"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/deploy/**", "**/deploy/*"], message: "Import the orchestrator's public entry, @/lib/deploy." }] }] },
  },
  { ignores: ["generated/**", ".next/**", ".next-*/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**"] },
];

export default config;
