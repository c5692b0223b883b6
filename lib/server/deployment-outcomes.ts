import "server-only";
// The services' side of the orchestrator's DeploymentOutcomes: whoever starts a deploy worker (the
// worker script, the tests, the bench) passes this in its deps, so lib/deploy never imports lib/server.
import type { DeploymentOutcomes } from "@/lib/deploy";
import { finishDeployment } from "./finish-deployment";
import { finishManualRollback } from "./finish-manual-rollback";
import { recordFlagDrift, recordFlagWrite } from "./flag-writes";

export const deploymentOutcomes: DeploymentOutcomes = { finishDeployment, finishManualRollback, recordFlagWrite, recordFlagDrift };
