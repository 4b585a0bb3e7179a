import { z } from "zod";
import { MAX_APPROVAL_NOTE_CHARS } from "../../../api-types/approval.js";
import type { ApprovalChannel, ApprovalDecision, ApprovalRequest } from "../../approvals/approval-channel.js";
import { newElicitationId, type ElicitationMailbox } from "./elicitation-mailbox.js";

/** Most characters of the call's input (as JSON) the approval message shows; the rest is cut, and the message says how much. */
export const ELICITATION_INPUT_MAX_CHARS = 600;
/** Most characters of the rule's reason the approval message shows. */
export const ELICITATION_REASON_MAX_CHARS = 300;
/** Most characters of a client's error message quoted in a denial's note. */
const CLIENT_ERROR_MAX_CHARS = 200;

/**
 * How long the host holds a tools/call open for an answer when the call
 * carries a progressToken: the host then sends a progress notification every
 * ELICITATION_PROGRESS_EVERY_MS while it waits, which keeps the stream busy
 * and, for a client that resets its timeout on progress (the SDK's
 * `resetTimeoutOnProgress`), its request alive. Cloudflare keeps the stream
 * open while the client stays connected; 15 minutes bounds how long one
 * forgotten form holds a connection and a mailbox object.
 */
export const ELICITATION_HELD_WAIT_MS = 15 * 60_000;
/**
 * How long the host holds a tools/call open for an answer when the call
 * carries no progressToken: nothing then stops the client's own request
 * timeout (60 s in the official SDK, DEFAULT_REQUEST_TIMEOUT_MSEC, counted from
 * the tools/call and running while its user reads the form), so the wait
 * stays 15 s under it, for the code around the call.
 */
export const ELICITATION_UNHELD_WAIT_MS = 45_000;
/** How often a held tools/call gets a progress notification while it waits for an answer. */
export const ELICITATION_PROGRESS_EVERY_MS = 10_000;

/** Who decides, as ApprovalDenied names them. */
const DECIDER = "the MCP client's user";

/** The form a client shows: approve or not (unchecked by default, so accepting an untouched form denies), and a note for the agent. */
export const APPROVAL_FORM = {
  type: "object",
  properties: {
    approve: { type: "boolean", title: "Approve this call", description: "Check to let the call run; leave unchecked to deny it.", default: false },
    note: { type: "string", title: "Note for the agent", description: "Optional: why, shown to the agent's code.", maxLength: MAX_APPROVAL_NOTE_CHARS },
  },
  required: ["approve"],
} as const;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** The sentence a client shows its user: the call, the rule's reason and the input, each cut to its limit. */
export function approvalMessage(request: ApprovalRequest): string {
  const input = JSON.stringify(request.input) ?? "undefined";
  return `Ghostwire: approve ${request.api}.${request.method}? Reason: ${cut(request.reason, ELICITATION_REASON_MAX_CHARS)} Input: ${cut(input, ELICITATION_INPUT_MAX_CHARS)}`;
}

const elicitAnswer = z.union([
  z.object({ result: z.object({ action: z.string(), content: z.record(z.string(), z.unknown()).optional() }) }),
  z.object({ error: z.object({ message: z.unknown() }) }),
]);

const denied = (note: string): ApprovalDecision => ({ approve: false, note });

/**
 * The decision in a client's answer to an elicitation request (a JSON-RPC
 * response, untrusted): only an accepted form whose `approve` is `true`
 * approves. Anything else denies, with a note that says what came back.
 */
export function decisionOf(answer: unknown): ApprovalDecision {
  if (answer === null) return denied(`No answer reached the host: the approval request ended unanswered.`);
  const parsed = elicitAnswer.safeParse(answer);
  if (!parsed.success) return denied("The MCP client answered the approval request with something that is not an elicitation result.");
  if ("error" in parsed.data) {
    const message = typeof parsed.data.error.message === "string" ? parsed.data.error.message : "no message";
    return denied(`The MCP client failed to ask its user: ${cut(message, CLIENT_ERROR_MAX_CHARS)}`);
  }
  const { action, content } = parsed.data.result;
  if (action === "decline") return denied(`${DECIDER} declined the approval request.`);
  if (action === "cancel") return denied(`${DECIDER} dismissed the approval request without deciding.`);
  if (action !== "accept") return denied(`The MCP client answered the approval request with an unknown action.`);
  const note = typeof content?.note === "string" && content.note !== "" ? { note: content.note.slice(0, MAX_APPROVAL_NOTE_CHARS) } : {};
  if (content?.approve === true) return { approve: true, ...note };
  if (content?.approve === false) return { approve: false, ...note };
  return denied("The MCP client accepted the approval form without a boolean `approve`; the host counts that as a denial.");
}

/** What the channel needs of the tools/call it serves: its SSE stream and progress token. */
export interface ElicitationStream {
  /** Writes one JSON-RPC message to the client on the tools/call's SSE stream. */
  send(message: { jsonrpc: "2.0"; method: string; params: Record<string, unknown>; id?: string }): Promise<void>;
  /** The tools/call's `_meta.progressToken`, when the client sent one. */
  readonly progressToken?: string | number;
}

/** Sends a progress notification with `message` every ELICITATION_PROGRESS_EVERY_MS, until cleared or the stream is gone. */
function keepAlive(stream: ElicitationStream, message: string): number {
  let progress = 0;
  const ticker = setInterval(() => {
    progress += 1;
    stream.send({ jsonrpc: "2.0", method: "notifications/progress", params: { progressToken: stream.progressToken, progress, message } }).catch(() => clearInterval(ticker));
  }, ELICITATION_PROGRESS_EVERY_MS);
  return ticker;
}

/**
 * An ApprovalChannel over MCP form elicitation, for one tools/call of a client
 * that declared the capability (eliciting-sessions.ts). `ask` opens the
 * mailbox slot named by a fresh id, sends `elicitation/create` on the call's
 * stream, and waits for the answer that elicitation-answers.ts delivers to the
 * slot. When the wait is aborted, the client is sent `notifications/cancelled`
 * for the request, so it can close its form.
 */
export function createElicitationChannel(mailboxes: DurableObjectNamespace<ElicitationMailbox>, stream: ElicitationStream): ApprovalChannel {
  const held = stream.progressToken !== undefined;
  const maxWaitMs = held ? ELICITATION_HELD_WAIT_MS : ELICITATION_UNHELD_WAIT_MS;
  return {
    by: DECIDER,
    maxWaitMs,
    async ask(request, signal) {
      const id = newElicitationId();
      const mailbox = mailboxes.get(mailboxes.idFromName(id));
      await mailbox.open(id, maxWaitMs);
      await stream.send({ jsonrpc: "2.0", id, method: "elicitation/create", params: { message: approvalMessage(request), requestedSchema: APPROVAL_FORM } });
      const ticker = held ? keepAlive(stream, `Waiting for ${DECIDER} to approve ${request.api}.${request.method}.`) : undefined;
      const onAbort = () => {
        void mailbox.close(id);
        stream.send({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: id, reason: "The host stopped waiting for an approval." } }).catch(() => {});
      };
      signal.addEventListener("abort", onAbort, { once: true });
      try {
        return decisionOf(await mailbox.take(id));
      } finally {
        if (ticker !== undefined) clearInterval(ticker);
        signal.removeEventListener("abort", onAbort);
      }
    },
  };
}
