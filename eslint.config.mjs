import next from "eslint-config-next";

const config = [
  ...next,
  // Playwright fixtures call their continuation `use`, which is not React's hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  { ignores: ["generated/**", ".next/**", ".next-*/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**"] },
];

export default config;
