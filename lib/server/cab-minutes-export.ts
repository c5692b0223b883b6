import "server-only";
import { localDate } from "@/lib/domain/local-time";
import { minutesMarkdown } from "@/lib/domain/cab-minutes-export";
import { AppError } from "@/lib/errors";
import { getMeetingAgenda } from "./cab-queries";

/**
 * A meeting's minutes as a Markdown file. Meetings are visible to every signed-in colleague (as the
 * changes on them are once submitted): the route checks the viewer is signed in. A meeting that never
 * started has no minutes yet.
 */
export async function exportMeetingMinutes(meetingId: string, now = new Date()) {
  const { meeting, sections, attendees, policy } = await getMeetingAgenda(meetingId, now);
  if (meeting.status === "SCHEDULED") throw new AppError("CONFLICT", "This meeting has not started, so it has no minutes yet.");
  const zone = policy.timeZone;
  const body = minutesMarkdown({ meeting, chair: meeting.chairName, attendees, sections, zone });
  return { body, filename: `cab-minutes-${localDate(meeting.startsAt, zone)}.md` };
}
