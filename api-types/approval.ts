import { z } from "zod";

/**
 * Whether a call needs a person's approval before it runs, as a contract
 * (defineMethod({ approval })) or a host option (createGhostwire({ approvals }))
 * states it:
 *
 * - "required": every call of the method waits for a decision;
 * - `{ when, check }`: `check` runs on the validated input and returns the
 *   reason this call needs approval (shown to whoever decides), or false when
 *   it needs none. `when` says the same in words for the declarations
 *   (`Needs approval: <when>.`), since a function cannot be printed.
 *
 * `check` runs in the host isolate on input that has passed the method's
 * schema; it must be quick and must not throw (a throw counts as "needs
 * approval", with the throw's message as the reason).
 */
export type ApprovalRule<I = never> = "required" | { readonly when: string; check(input: I): string | false };

/** Longest note a decision may carry (into ApprovalDenied's message); a channel's longer note is cut to it. */
export const MAX_APPROVAL_NOTE_CHARS = 1000;

/** A decision on a paused execution: `POST /v1/approvals/<token>`, and the same over MCP and Cap'n Web. */
export const approvalDecisionRequest = z.strictObject({
  decision: z.enum(["approve", "deny"]),
  note: z.string().max(MAX_APPROVAL_NOTE_CHARS).optional().describe("Why, for the agent: it reads the note in ApprovalDenied's message."),
});

export type ApprovalDecisionRequest = z.infer<typeof approvalDecisionRequest>;

/** The call a paused execution waits on, as ExecuteResponse.pending shows it. */
export interface PendingCall {
  readonly api: string;
  readonly method: string;
  /** The call's validated input. */
  readonly input: unknown;
  readonly reason: string;
}

/**
 * What an execution that paused for approval answers besides
 * `error.name: "ApprovalRequired"`: the token that resumes it (it holds the
 * only key to what the host kept), the call to decide on, and when the token
 * expires (ISO 8601).
 */
export interface PendingApproval {
  readonly approval: string;
  readonly call: PendingCall;
  readonly expiresAt: string;
}

/** Longest `when` phrase of a rule: it is printed in every declaration of the method. */
export const MAX_APPROVAL_WHEN_CHARS = 200;

/** Why `rule` cannot serve as an approval rule of `where` (e.g. "orders.place"), or undefined when it can. */
export function approvalRuleProblem(where: string, rule: unknown): string | undefined {
  if (rule === "required") return undefined;
  if (typeof rule !== "object" || rule === null) return `The approval rule of ${where} must be "required" or { when, check }.`;
  const { when, check } = rule as { when?: unknown; check?: unknown };
  if (typeof when !== "string" || when.trim() === "" || when.length > MAX_APPROVAL_WHEN_CHARS || /\*\/|[\r\n]/.test(when)) {
    return `The approval rule of ${where} needs a \`when\`: one line of at most ${MAX_APPROVAL_WHEN_CHARS} characters (no "*/") saying when a call needs approval, e.g. "when the total is over $100".`;
  }
  if (typeof check !== "function") return `The approval rule of ${where} needs a \`check\`: a function of the validated input that returns the reason, or false when the call needs no approval.`;
  return undefined;
}
