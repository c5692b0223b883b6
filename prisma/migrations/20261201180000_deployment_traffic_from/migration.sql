-- Since when the traffic the gates watch is the new version's alone, on the orchestrator's clock: metric gates never read periods before it
-- (the old version's traffic). Null for deployments that never moved traffic, and for those before this column.
ALTER TABLE "Deployment" ADD COLUMN "trafficFrom" TIMESTAMPTZ(3);
