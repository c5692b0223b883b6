// The demo organisation `npm start` and `npm run db:seed` create: one person per role, a few
// services whose Lambda functions exist in the AWS sandbox, and change requests in every state.
import type { Role } from "@/generated/prisma/client";

export const DEMO_USERS: { key: string; name: string; email: string; roles: Role[]; team: string }[] = [
  { key: "admin", name: "Ada Admin", email: "admin@changegate.dev", roles: ["ADMIN"], team: "Platform" },
  { key: "engineer", name: "Eli Engineer", email: "engineer@changegate.dev", roles: ["ENGINEER"], team: "Checkout" },
  { key: "engineer2", name: "Noor Developer", email: "noor@changegate.dev", roles: ["ENGINEER"], team: "Identity" },
  { key: "lead", name: "Lena Lead", email: "lead@changegate.dev", roles: ["ENGINEER", "CAB_MEMBER"], team: "Checkout" },
  { key: "sre", name: "Sam SRE", email: "sre@changegate.dev", roles: ["SRE", "CAB_MEMBER"], team: "Platform" },
  { key: "product", name: "Priya Product", email: "product@changegate.dev", roles: ["PRODUCT", "CAB_MEMBER"], team: "Checkout" },
  { key: "security", name: "Sid Security", email: "security@changegate.dev", roles: ["SECURITY", "CAB_MEMBER"], team: "Platform" },
  { key: "cto", name: "Chris CTO", email: "cto@changegate.dev", roles: ["CTO"], team: "Platform" },
  { key: "manager", name: "Maria Manager", email: "manager@changegate.dev", roles: ["ENG_MANAGER"], team: "Checkout" },
];

export const DEMO_SERVICES = [
  { name: "checkout-api", team: "Checkout", functionName: "checkout-api", onCall: "engineer" },
  { name: "user-service", team: "Identity", functionName: "user-service", onCall: "engineer2" },
  { name: "payments-worker", team: "Checkout", functionName: "payments-worker", onCall: "sre" },
  { name: "search-indexer", team: "Platform", functionName: "search-indexer", onCall: "sre" },
] as const;

export const DEMO_SUMMARIES = [
  "Update Lambda memory from 512MB to 1024MB to reduce duration and cost",
  "Enable response compression on the checkout API",
  "Rotate the payment provider API credentials",
  "Add retry with jitter to the search indexer's DynamoDB writes",
  "Move session tokens to the new signing key",
  "Raise reserved concurrency for payments during the sale",
  "Fix currency rounding for JPY totals",
  "Upgrade the Node.js runtime from 18 to 20",
  "Introduce a feature flag for one-click checkout",
  "Patch the XML parser for CVE-2026-1234",
  "Shorten the user-service cold start by lazy-loading the SDK",
];
