#!/usr/bin/env node
// `npx changegate …`: runs the TypeScript CLI through tsx (a dependency of this package), so no build
// step is needed. The CLI itself is lib/cli/main.ts.
import { register } from "tsx/esm/api";

register();
const { runCli, nodeIo } = await import("../lib/cli/main.ts");
process.exitCode = await runCli(process.argv.slice(2), nodeIo());
