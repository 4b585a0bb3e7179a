import type { PendingCall } from "../../../../api-types/approval.js";
import type { ApprovalAnswer } from "../../../../api-types/rpc.js";
import { element } from "./element.js";

/**
 * The page's onApproval: a call that needs a person's approval, asked inline
 * in the output pane (never window.confirm). The prompt names the call,
 * gives the host's reason and the call's input as JSON, takes an optional
 * note (which a denial passes to the code, in ApprovalDenied's message) and
 * answers with Approve or Deny; Esc inside it is Deny. Focus moves to the
 * prompt, and back to where it was once answered.
 *
 * Everything in `call` comes from the host and, through it, from agent code
 * and API contracts: it is shown as text, never as HTML. The prompt goes
 * away when answered, or when `signal` aborts (the run ended without
 * waiting for it), and then answers a denial that no one receives.
 */

/** Ids of the prompt's heading and reason, unique per prompt: the code may ask for several approvals at once. */
let promptCount = 0;

function button(text: string, className: string): HTMLButtonElement {
  const made = element("button", className, text);
  made.type = "button";
  return made;
}

/** Shows the prompt at the end of `holder` and resolves with the person's answer. */
export function askApproval(holder: HTMLElement, call: PendingCall, signal: AbortSignal): Promise<ApprovalAnswer> {
  const id = `approval-${++promptCount}`;
  const name = `${String(call.api)}.${String(call.method)}`;
  const heading = element("h3", "", `${name} needs your approval`);
  heading.id = `${id}-title`;
  const reason = element("p", "approval-reason", String(call.reason));
  reason.id = `${id}-reason`;
  const input = element("pre", "approval-input", JSON.stringify(call.input, null, 2) ?? String(call.input));
  input.tabIndex = 0;
  input.setAttribute("aria-label", `Input of ${name}`);
  const note = element("input", "");
  note.type = "text";
  note.autocomplete = "off";
  const noteLabel = element("label", "approval-note", "Note (optional; a denial passes it to the code)", note);
  const approve = button("Approve", "primary");
  const deny = button("Deny", "");
  const prompt = element("section", "approval", heading, reason, input, noteLabel, element("div", "approval-buttons", approve, deny));
  prompt.setAttribute("role", "alertdialog");
  prompt.setAttribute("aria-labelledby", heading.id);
  prompt.setAttribute("aria-describedby", reason.id);
  prompt.tabIndex = -1;

  const previousFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  return new Promise((resolve) => {
    const answer = (approved: boolean) => {
      signal.removeEventListener("abort", ended);
      const hadFocus = prompt.contains(document.activeElement);
      prompt.remove();
      if (hadFocus && previousFocus?.isConnected) previousFocus.focus();
      const text = note.value.trim();
      resolve(text === "" ? { approve: approved } : { approve: approved, note: text });
    };
    const ended = () => answer(false);
    approve.addEventListener("click", () => answer(true));
    deny.addEventListener("click", () => answer(false));
    prompt.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      answer(false);
    });
    if (signal.aborted) return ended();
    signal.addEventListener("abort", ended, { once: true });
    holder.append(prompt);
    prompt.focus();
  });
}
