// One schema for a vote, shared by the vote forms and the service: "reject needs a comment" is a
// cross-field rule, so it lives here and both sides refuse the same input with the same words.
import { z } from "zod";
import { APPROVAL_DECISIONS, voteCommentError } from "@/lib/domain/approval-tally";

export const voteSchema = z
  .object({
    crId: z.string().min(1, "Missing change id"),
    decision: z.enum(APPROVAL_DECISIONS, { error: "Choose approve, reject or request changes" }),
    comment: z.string().trim().max(2000, "Comment is too long (at most 2000 characters)").optional().default(""),
    meetingId: z.string().optional().transform((v) => v || null),
  })
  .superRefine((v, ctx) => {
    const message = voteCommentError(v.decision, v.comment);
    if (message) ctx.addIssue({ code: "custom", path: ["comment"], message });
  });
export type VoteInput = z.input<typeof voteSchema>;
