import type { ExecuteResponse } from "../../../api-types/execution.js";

/**
 * Most characters of the text an MCP `execute` answer carries beside its
 * structuredContent. The structuredContent is the whole execute response
 * (bounded by the host's result and log caps); the text is what an LLM reads,
 * so it is a bounded rendering: the outcome, then diagnostics and logs, cut
 * here with a note that the rest is in structuredContent. An answer is thus at
 * most the execute response plus this much.
 */
export const MCP_TEXT_MAX_CHARS = 16 * 1024;

/** Most characters of the result's JSON in the text, so that logs still fit after a large result. */
export const MCP_RESULT_PREVIEW_CHARS = MCP_TEXT_MAX_CHARS / 2;

const cutNote = (what: string, shown: number, total: number) =>
  `… [${what} cut at ${shown} of ${total} characters; the full ${what} is in structuredContent]`;

/** Collects lines until MCP_TEXT_MAX_CHARS; past it, the text ends with a note instead. */
class BoundedText {
  readonly #lines: string[] = [];
  #length = 0;
  #full = false;

  add(line: string): void {
    if (this.#full) return;
    const room = MCP_TEXT_MAX_CHARS - this.#length;
    if (line.length + 1 > room) {
      this.#lines.push(line.slice(0, Math.max(room, 0)) + "… [text cut; the full response is in structuredContent]");
      this.#full = true;
      return;
    }
    this.#lines.push(line);
    this.#length += line.length + 1;
  }

  toString(): string {
    return this.#lines.join("\n");
  }
}

function previewResult(result: unknown): string {
  const json = JSON.stringify(result) ?? String(result);
  return json.length <= MCP_RESULT_PREVIEW_CHARS ? json : json.slice(0, MCP_RESULT_PREVIEW_CHARS) + cutNote("result", MCP_RESULT_PREVIEW_CHARS, json.length);
}

/**
 * Text for an LLM, at most MCP_TEXT_MAX_CHARS plus a short note: the outcome
 * first (the result, cut at MCP_RESULT_PREVIEW_CHARS, or the error with its
 * line and the diagnostics with frames), then the logs.
 */
export function describeExecution(response: ExecuteResponse): string {
  const text = new BoundedText();
  if (response.ok) text.add(response.result === undefined ? "OK (no result)." : `Result: ${previewResult(response.result)}`);
  else {
    const where = response.error?.line === undefined ? "" : ` at line ${response.error.line}, column ${response.error.column}`;
    text.add(`${response.error?.name}${where}: ${response.error?.message}`);
    for (const d of response.diagnostics ?? []) text.add(`TS${d.code} line ${d.line}:${d.column}: ${d.message}\n${d.frame}`);
  }
  if (response.logs.length > 0) text.add("Logs:");
  for (const entry of response.logs) text.add(`[${entry.level}] ${entry.message}`);
  return text.toString();
}
