// The local AWS sandbox: start it, talk to it with the real SDK (endpoint = handle.url), control it.
export { startSandbox, type SandboxHandle, type SandboxOptions } from "./server";
export { SandboxControlClient, SandboxControlError } from "./control-client";
export type * from "./control-contract";
export { DEMO_FLAGS, DEMO_FUNCTIONS } from "./demo-seed";
export type { ParameterWrite } from "./ssm-store";
