import { ELICITATION_ID_PATTERN } from "./elicitation-mailbox.js";
import type { ElicitationMailbox } from "./elicitation-mailbox.js";

/** A JSON-RPC response (a result or an error, no method) whose id is one of the host's elicitation ids. */
function isElicitationAnswer(message: unknown): message is { id: string } {
  if (typeof message !== "object" || message === null || "method" in message) return false;
  const { id } = message as { id?: unknown };
  return typeof id === "string" && ELICITATION_ID_PATTERN.test(id) && ("result" in message || "error" in message);
}

/** The answers to the host's elicitation requests in a POSTed body (one message or a batch). */
export function elicitationAnswers(body: unknown): { id: string }[] {
  return (Array.isArray(body) ? body : [body]).filter(isElicitationAnswer);
}

/**
 * Hands each answer to the mailbox object named by its id, where the
 * tools/call that asked waits (elicitation-mailbox.ts), whichever isolate it
 * runs in (none waits on a host without the ELICITATIONS binding). The
 * answer is untrusted: the waiting channel validates it. A 202 when
 * every answer found its waiter, as Streamable HTTP answers a POSTed response;
 * otherwise a JSON-RPC error that says the wait is over.
 */
export async function deliverAnswers(mailboxes: DurableObjectNamespace<ElicitationMailbox> | undefined, answers: { id: string }[]): Promise<Response> {
  const delivered = mailboxes === undefined ? [false] : await Promise.all(answers.map((answer) => mailboxes.get(mailboxes.idFromName(answer.id)).deliver(answer.id, answer)));
  if (delivered.every(Boolean)) return new Response(null, { status: 202 });
  const message = "Nothing waits for this answer any more: the approval request was answered already, or its wait ended (the call was denied or timed out). Nothing was done with it.";
  return Response.json({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }, { status: 404 });
}
