import next from "eslint-config-next";

export default [
  ...next,
  { ignores: ["generated/**", ".next/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**"] },
];
