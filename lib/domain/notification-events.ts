// Who is told what. Each event names its audience by relation (the change's requester, the service's
// on-call engineer, the flag's owner) or by role (the CAB, the CTO, managers), and whether the
// service's Slack channel hears it. Whoever caused the event is not told of it. Channels: the portal's
// inbox always unless switched off; email and Slack by default where the person can receive them.
import type { Role } from "./vocabulary";

export type Audience = "REQUESTER" | "ON_CALL" | "FLAG_OWNER" | "CAB" | "CTO" | "MANAGERS";
export type NotificationChannelName = "IN_APP" | "EMAIL" | "SLACK";
export const NOTIFICATION_CHANNELS: readonly NotificationChannelName[] = ["IN_APP", "EMAIL", "SLACK"];

interface EventRule {
  label: string;
  audience: readonly Audience[];
  /** The service's (or its team's) Slack channel hears it too. */
  serviceChannel: boolean;
}

export const NOTIFICATION_EVENTS = {
  "change.submitted": { label: "A change awaits your CAB vote", audience: ["CAB"], serviceChannel: false },
  "change.needs-cto": { label: "A High-risk change needs your sign-off", audience: ["CTO"], serviceChannel: false },
  "change.approved": { label: "Your change was approved", audience: ["REQUESTER"], serviceChannel: false },
  "change.rejected": { label: "Your change was rejected", audience: ["REQUESTER"], serviceChannel: false },
  "change.changes-requested": { label: "Changes were requested on your change", audience: ["REQUESTER"], serviceChannel: false },
  "emergency.needs-verbal": { label: "An emergency change needs a manager's verbal approval", audience: ["MANAGERS"], serviceChannel: false },
  "retro.due": { label: "A retrospective approval is due before the meeting", audience: ["CAB"], serviceChannel: false },
  "cab.agenda-ready": { label: "The CAB agenda for tomorrow is ready", audience: ["CAB"], serviceChannel: false },
  "deployment.started": { label: "A deployment started", audience: ["REQUESTER", "ON_CALL"], serviceChannel: true },
  "deployment.succeeded": { label: "A deployment succeeded", audience: ["REQUESTER", "ON_CALL"], serviceChannel: true },
  "deployment.rolled-back": { label: "A deployment was rolled back automatically", audience: ["REQUESTER", "ON_CALL"], serviceChannel: true },
  "deployment.failed": { label: "A deployment failed", audience: ["REQUESTER", "ON_CALL"], serviceChannel: true },
  "deployment.manual-rollback": { label: "A service was rolled back by hand", audience: ["REQUESTER", "ON_CALL"], serviceChannel: true },
  "deployment.drift": { label: "A change made outside Changegate was detected", audience: ["REQUESTER", "ON_CALL"], serviceChannel: true },
  "flag.killed": { label: "A feature flag was switched off", audience: ["FLAG_OWNER", "ON_CALL"], serviceChannel: true },
} as const satisfies Record<string, EventRule>;

export type NotificationEvent = keyof typeof NOTIFICATION_EVENTS;
export const NOTIFICATION_EVENT_NAMES = Object.keys(NOTIFICATION_EVENTS) as NotificationEvent[];
export const isNotificationEvent = (s: string): s is NotificationEvent => Object.hasOwn(NOTIFICATION_EVENTS, s);

/** The roles each role-named audience means. */
const AUDIENCE_ROLES: Partial<Record<Audience, Role>> = { CAB: "CAB_MEMBER", CTO: "CTO", MANAGERS: "ENG_MANAGER" };

/** The roles whose holders an event may reach (for loading them). */
export function audienceRoles(event: NotificationEvent): Role[] {
  return NOTIFICATION_EVENTS[event].audience.flatMap((a) => AUDIENCE_ROLES[a] ?? []);
}

export interface EventFacts {
  /** Who caused the event (not told of it); null for the orchestrator or a schedule. */
  actorId: string | null;
  requesterId?: string | null;
  onCallUserId?: string | null;
  flagOwnerId?: string | null;
}

export interface Person {
  id: string;
  roles: readonly Role[];
  disabled: boolean;
}

/** The people an event reaches: its audience among `people`, without the actor and anyone disabled. */
export function recipientsFor(event: NotificationEvent, facts: EventFacts, people: readonly Person[]): string[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const out = new Set<string>();
  const add = (id: string | null | undefined) => {
    const p = id ? byId.get(id) : undefined;
    if (p && !p.disabled && p.id !== facts.actorId) out.add(p.id);
  };
  for (const a of NOTIFICATION_EVENTS[event].audience) {
    if (a === "REQUESTER") add(facts.requesterId);
    else if (a === "ON_CALL") add(facts.onCallUserId);
    else if (a === "FLAG_OWNER") add(facts.flagOwnerId);
    else for (const p of people) if (p.roles.includes(AUDIENCE_ROLES[a]!)) add(p.id);
  }
  return [...out];
}

/** A person's saved choices: `${event}:${channel}` → on or off. */
export type Preferences = ReadonlyMap<string, boolean>;
export const preferenceKey = (event: NotificationEvent, channel: NotificationChannelName) => `${event}:${channel}`;

/** The channels one person hears an event on: their choice, else on where they can receive it. */
export function channelsFor(event: NotificationEvent, reach: { email: string | null; slackUserId: string | null }, prefs: Preferences, available: { email: boolean; slack: boolean }): NotificationChannelName[] {
  const possible: Record<NotificationChannelName, boolean> = {
    IN_APP: true,
    EMAIL: available.email && !!reach.email,
    SLACK: available.slack && !!reach.slackUserId,
  };
  return NOTIFICATION_CHANNELS.filter((c) => possible[c] && (prefs.get(preferenceKey(event, c)) ?? true));
}
