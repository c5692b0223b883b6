// A typed client for the control API's ECS routes (fetch only). Reached as `sandbox.control.ecs`.
import type { z } from "zod";
import type { ecsFaultSchema, ecsServiceSchema, ecsServiceUpdateSchema, ecsStateView, ecsServiceControlView, ecsTaskDefinitionSchema } from "./ecs-control";
import type { EcsServiceUpdate } from "./ecs-store";

export type EcsServiceControlView = ReturnType<typeof ecsServiceControlView>;
export type EcsStateView = ReturnType<typeof ecsStateView>;
export type EcsServiceInput = z.input<typeof ecsServiceSchema>;
export type EcsServiceUpdateInput = z.input<typeof ecsServiceUpdateSchema>;
export type EcsTaskFaultInput = z.input<typeof ecsFaultSchema>;
export type EcsTaskDefinitionInput = z.input<typeof ecsTaskDefinitionSchema>;
export type EcsServiceUpdateView = Omit<EcsServiceUpdate, "at"> & { at: string };

type Call = <T>(method: string, path: string, body?: unknown) => Promise<T>;
const enc = encodeURIComponent;

export class EcsControlClient {
  constructor(private readonly call: Call) {}

  state(): Promise<EcsStateView> {
    return this.call("GET", "/ecs");
  }
  /** Creates a service (registering `revisions` of its family first), steady on its newest or given revision. */
  createService(input: EcsServiceInput): Promise<EcsServiceControlView> {
    return this.call("POST", "/ecs/services", input);
  }
  registerTaskDefinition(input: EcsTaskDefinitionInput): Promise<{ taskDefinitionArn: string; family: string; revision: number }> {
    return this.call("POST", "/ecs/task-definitions", input);
  }
  /** A change outside Changegate, like `aws ecs update-service` from a laptop. */
  updateService(cluster: string, service: string, input: EcsServiceUpdateInput): Promise<EcsServiceControlView> {
    return this.call("PUT", `/ecs/clusters/${enc(cluster)}/services/${enc(service)}`, input);
  }
  /** From now on, new tasks of this revision ("family:rev") fail to start / fail health checks / answer badly. */
  injectTaskFault(taskDefinition: string, fault: EcsTaskFaultInput): Promise<{ faults: EcsStateView["faults"] }> {
    return this.call("PUT", `/ecs/task-definitions/${enc(taskDefinition)}/fault`, fault);
  }
  clearTaskFault(taskDefinition: string): Promise<{ cleared: number }> {
    return this.call("DELETE", `/ecs/task-definitions/${enc(taskDefinition)}/fault`);
  }
  clearAllTaskFaults(): Promise<{ cleared: number }> {
    return this.call("DELETE", "/ecs/faults");
  }
  serviceUpdates(afterSeq = 0): Promise<EcsServiceUpdateView[]> {
    return this.call<{ updates: EcsServiceUpdateView[] }>("GET", `/ecs/service-updates?afterSeq=${afterSeq}`).then((r) => r.updates);
  }
}
