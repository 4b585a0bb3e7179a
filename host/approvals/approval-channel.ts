import type { PendingCall } from "../../api-types/approval.js";

/*
 * The seam between the executor and a front end that can ask a person about
 * a call while the execution waits (Cap'n Web's onApproval, MCP elicitation).
 * A front end without one gets pause and resume instead (host/approvals/).
 */

/**
 * The call a person is asked about: a method whose approval rule said this
 * call needs approval. `input` is validated against the method's input
 * schema (plain JSON data); `reason` comes from the rule.
 */
export type ApprovalRequest = PendingCall;

/** A person's answer. `note` is shown to agent code in ApprovalDenied's message; the host cuts it to MAX_APPROVAL_NOTE_CHARS (api-types/approval.ts). */
export interface ApprovalDecision {
  readonly approve: boolean;
  readonly note?: string;
}

/**
 * A front end's way to ask whoever sits behind its client.
 *
 * Contract: `ask` is called at most once per call that needs approval, while
 * the execution's deadline is paused; the host stops waiting at
 * min(maxWaitMs, GHOSTWIRE_APPROVAL_WAIT_MS) and aborts `signal`, and the
 * call rejects with ApprovalTimeout. `ask` may reject (a client gone): that
 * is a denial whose note says so. Its answer is untrusted: the host checks
 * its shape before using it. When GHOSTWIRE_APPROVAL_WAIT_MS is longer than
 * `maxWaitMs`, the host does not ask at all and pauses the execution instead,
 * to be resumed with POST /v1/approvals/<token> or the front end's own way.
 */
export interface ApprovalChannel {
  /** Who answers, named in ApprovalDenied: "<api>.<method> was denied by <by>", e.g. "the MCP client's user". */
  readonly by: string;
  /** The longest this front end can hold a call open, in milliseconds. */
  readonly maxWaitMs: number;
  ask(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision>;
}
