import type { DiagnosticInfo, ExecuteResponse } from "../../../../api-types/execution.js";
import type { Position } from "./host-api.js";
import { element } from "./element.js";

/**
 * What a run answered, as DOM built from text (never HTML, so a result
 * cannot script the page):
 * - a result as collapsible JSON (its first JSON_OPEN_DEPTH levels open);
 * - an error with a button to its line, and each type error as its code
 *   frame, unwrapped (`white-space: pre`, scrolled sideways) so that the
 *   caret stays under its column however narrow the page.
 * `goTo` moves the editor to a position the host reported.
 */

/** Levels of a result shown open at first; deeper ones start folded. */
const JSON_OPEN_DEPTH = 2;

function scalar(value: unknown): HTMLElement {
  const kind = value === null ? "null" : typeof value;
  return element("span", `json-${kind}`, JSON.stringify(value) ?? String(value));
}

/** A JSON value as nested <details>: an object or array folds, a scalar is one span. */
function jsonNode(value: unknown, label: string | undefined, depth: number): HTMLElement {
  const key = label === undefined ? [] : [element("span", "json-key", label), ": "];
  if (typeof value !== "object" || value === null) return element("div", "json-row", ...key, scalar(value));
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length === 1 ? "1 key" : `${entries.length} keys`}}`;
  if (entries.length === 0) return element("div", "json-row", ...key, element("span", "json-empty", Array.isArray(value) ? "[]" : "{}"));
  const node = element("details", "json-node", element("summary", "", ...key, element("span", "json-size", summary)));
  node.open = depth < JSON_OPEN_DEPTH;
  node.append(element("div", "json-children", ...entries.map(([name, item]) => jsonNode(item, name, depth + 1))));
  return node;
}

function positionButton(at: Position, goTo: (at: Position) => void, text: string): HTMLButtonElement {
  const button = element("button", "link", text);
  button.type = "button";
  button.addEventListener("click", () => goTo(at));
  return button;
}

function diagnosticNode(info: DiagnosticInfo, goTo: (at: Position) => void): HTMLElement {
  const where = positionButton(info, goTo, `line ${info.line}, column ${info.column}`);
  const message = element("p", "", element("span", "code", `TS${info.code}`), " ", where, ": ", info.message, ...(info.hint === undefined ? [] : [" ", info.hint]));
  return element("div", "frame", message, element("pre", "", info.frame));
}

/** Fills `holder` with what `response` says: the result, or the error and its frames. */
export function showResponse(holder: HTMLElement, response: ExecuteResponse, goTo: (at: Position) => void): void {
  holder.replaceChildren();
  if (response.ok) {
    holder.append(element("p", "outcome ok", "ok"));
    holder.append(response.result === undefined ? element("p", "note", "The code returned nothing.") : jsonNode(response.result, undefined, 0));
    return;
  }
  const error = response.error ?? { name: "Error", message: "The run failed without saying why." };
  const headline = element("p", "outcome failed", element("strong", "", String(error.name)), ": ", String(error.message));
  if (typeof error.line === "number") headline.append(" (", positionButton({ line: error.line, column: error.column ?? 1 }, goTo, `line ${error.line}${error.column === undefined ? "" : `, column ${error.column}`}`), ")");
  holder.append(headline, ...(response.diagnostics ?? []).map((info) => diagnosticNode(info, goTo)));
}

/** Empties `holder` while a run is under way. */
export function showRunning(holder: HTMLElement): void {
  holder.replaceChildren(element("p", "note", "Running…"));
}

/** Fills `holder` with a sentence saying why the run did not happen (a refusal, a lost connection). */
export function showFailure(holder: HTMLElement, message: string): void {
  holder.replaceChildren(element("p", "outcome failed", message));
}
