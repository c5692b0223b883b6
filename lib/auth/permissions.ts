// The one answer to "who can": a map from role to what it may do. Services check it on every
// mutation; pages use the same table to decide what to show. Relation-based rules (the requester,
// the on-call engineer) are checked by the service that knows the record, via the helpers below.
import type { Role } from "@/lib/domain/vocabulary";

export const PERMISSIONS = [
  "change:create",
  "change:vote", // CAB vote: approve / reject / request changes
  "change:vote-cto", // the CTO's signature for High risk
  "change:verbal-approve", // record an emergency verbal approval
  "change:retro-vote", // retrospective approval of emergency changes (CAB)
  "gate:record", // enter a test-gate result by hand with evidence
  "incident:declare",
  // Production writes come in two reaches: on what the person is related to (the change they
  // requested, the service they are on call for), and on anything (`-any`). The production gate
  // (lib/domain/production-gate.ts) combines them with the relation; nothing else decides.
  "deploy:start", // start the deployment of a change one requested
  "deploy:start-any",
  "deploy:control", // pause / resume / abort any running deployment (the safe directions)
  "deploy:promote-any", // skip the remaining waits of anyone's deployment (one's own needs only deploy:start)
  "deploy:rollback", // roll back an alias one is on call for, or that serves one's own change
  "deploy:rollback-any",
  "change:administer", // the requester's lifecycle moves (submit, cancel, reopen, close) on anyone's change
  "meeting:run", // attendance, agenda walk, minutes
  "meeting:take-chair-over", // take the chair of a meeting someone else chairs (they fell ill)
  "history:view",
  "admin:users",
  "admin:services",
  "admin:policy",
  "admin:tokens",
  "admin:freeze",
  "admin:outbox", // see notification deliveries that failed or are retrying
  "sandbox:control",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ENGINEERING: Permission[] = ["change:create", "gate:record", "incident:declare", "deploy:start", "deploy:rollback", "history:view"];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ENGINEER: [...ENGINEERING, "deploy:control"],
  CAB_MEMBER: [...ENGINEERING, "change:vote", "change:retro-vote", "meeting:run"],
  CTO: [...ENGINEERING, "change:vote", "change:vote-cto", "change:retro-vote", "meeting:run", "meeting:take-chair-over"],
  ENG_MANAGER: [...ENGINEERING, "change:verbal-approve"],
  SRE: [...ENGINEERING, "deploy:start-any", "deploy:control", "deploy:promote-any", "deploy:rollback-any", "sandbox:control"],
  PRODUCT: ["change:create", "history:view"],
  SECURITY: ["change:create", "history:view", "gate:record"],
  ADMIN: [
    ...ENGINEERING,
    "deploy:start-any",
    "deploy:control",
    "deploy:rollback-any",
    "change:administer",
    "admin:users",
    "admin:services",
    "admin:policy",
    "admin:tokens",
    "admin:freeze",
    "admin:outbox",
    "sandbox:control",
  ],
};

export interface Actor {
  id: string;
  name: string;
  email: string;
  roles: readonly Role[];
  /** The person's own IANA zone for times shown to them; null or absent: the organisation's. */
  timeZone?: string | null;
  /** The organisation's zone as read with the person (per request); absent: read it from the policy. */
  orgTimeZone?: string | null;
}

export function can(actor: Pick<Actor, "roles">, permission: Permission): boolean {
  return actor.roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}
