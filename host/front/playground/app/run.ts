import type { ExecuteResponse } from "../../../../api-types/execution.js";
import type { PendingCall } from "../../../../api-types/approval.js";
import type { ApprovalAnswer } from "../../../../api-types/rpc.js";
import type { LogEntry } from "../../../../api-types/sandbox-protocol.js";
import { connect } from "../../rpc/client.js";

/**
 * Runs code over Cap'n Web (/rpc, one WebSocket per run) with the
 * ghostwire/client code, so console entries stream to `onLog` while the
 * code runs, and a call that needs approval waits on `onApproval` (the
 * execution's deadline paused meanwhile) instead of pausing the
 * execution. The client token goes to the gate's connect(token), as for
 * any client; a refusal rejects with the host's sentence.
 */
export interface RunRequest {
  code: string;
  /** The APIs the code may call; undefined for all. */
  apis: string[] | undefined;
  check: boolean;
  /** The client token, or "" for none. */
  token: string;
  /** A session token, or "" to run without one. */
  session: string;
  onLog: (entry: LogEntry) => void;
  onApproval: (call: PendingCall) => Promise<ApprovalAnswer>;
}

export async function runCode({ code, apis, check, token, session, onLog, onApproval }: RunRequest): Promise<ExecuteResponse> {
  const client = connect(location.origin, token === "" ? {} : { token });
  try {
    return await client.execute(code, { check, onLog, onApproval, ...(apis !== undefined && { apis }), ...(session !== "" && { session }) });
  } finally {
    client[Symbol.dispose]();
  }
}

/** One console entry as a list item: its level, then its message as text. */
export function logItem(entry: LogEntry): HTMLLIElement {
  const item = document.createElement("li");
  item.className = `log log-${String(entry.level).replace(/[^a-z]/g, "")}`;
  const level = document.createElement("span");
  level.className = "level";
  level.textContent = String(entry.level);
  item.append(level, " ", String(entry.message));
  return item;
}
