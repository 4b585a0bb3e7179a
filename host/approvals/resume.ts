import { approvalDecisionRequest } from "../../api-types/approval.js";
import type { ExecuteResponse } from "../../api-types/execution.js";
import { runRequest, type ExecuteExtras } from "../execution/execute-request.js";
import type { HostState } from "../host-state.js";
import { invalidInput } from "../refusal.js";
import { takePaused } from "./paused-store.js";

/**
 * A decision on a paused execution, from any front end (POST
 * /v1/approvals/<token>, MCP's `decide`, Cap'n Web's decide()); the caller
 * has passed client access. `body` is untrusted and checked first, so a bad
 * one leaves the approval as it was. Then the paused execution is taken from
 * storage (deleted in the same step) and its code runs again in a fresh
 * isolate: the calls recorded before the pause are answered from the
 * recording, the paused call runs once (approved) or rejects with
 * ApprovalDenied, naming `by`, and the code goes on live. Answers as
 * runExecuteRequest does; a later call that needs approval pauses it again
 * under a new token.
 */
export async function resumeApproval(host: HostState, token: unknown, body: unknown, by: string, extras: ExecuteExtras = {}): Promise<ExecuteResponse> {
  const decided = approvalDecisionRequest.safeParse(body);
  if (!decided.success) throw invalidInput(decided.error);
  const paused = await takePaused(host.env, token);
  const { decision, note } = decided.data;
  return runRequest(host, paused.request, extras, { calls: paused.calls, pending: paused.pending, decision: { approve: decision === "approve", note, by } });
}
