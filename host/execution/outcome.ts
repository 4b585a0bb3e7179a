import { z } from "zod";
import {
  ERROR_TEXT_LIMITS,
  LOG_LEVELS,
  MAX_RESULT_DEPTH,
  RESULT_PREVIEW_CHARS,
  TRUNCATION_MARK,
  type CaptureLimits,
  type CapturedLogs,
  type LogEntry,
  type SandboxError,
  type SandboxStop,
} from "../../api-types/sandbox-protocol.js";

const logs = z.object({
  entries: z.array(z.object({ level: z.enum(LOG_LEVELS), message: z.string() })),
  dropped: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  truncated: z.boolean(),
});

const fuelUsed = z.number().int().min(0);
const unawaitedCalls = z.number().int().min(0);

const OUTCOME = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), resultJson: z.string().optional(), resultTruncated: z.boolean(), logs, fuelUsed, unawaitedCalls }),
  z.object({
    ok: z.literal(false),
    stopped: z.enum(["threw", "fuel", "uncaught", "unhandled"]),
    error: z.object({ name: z.string(), message: z.string(), stack: z.string().optional() }),
    logs,
    fuelUsed,
    unawaitedCalls,
  }),
]);

/** Longest `$truncated` answer the runtime writes: its preview, every character escaped as \uXXXX, and the other fields. */
const TRUNCATED_ANSWER_CHARS = 6 * RESULT_PREVIEW_CHARS + 100;

const TRUNCATED_RESULT = z.strictObject({ $truncated: z.literal(true), limit: z.number(), preview: z.string() });

/** A sandbox answer, validated and cut to the limits by the host itself. */
export type MeasuredOutcome = (
  | { readonly ok: true; readonly result: unknown; readonly resultTruncated: boolean; readonly logs: CapturedLogs; readonly fuelUsed: number }
  | { readonly ok: false; readonly stopped: SandboxStop; readonly error: SandboxError; readonly logs: CapturedLogs; readonly fuelUsed: number }
) & {
  /** Calls the sandbox says were still in flight at return, at most the calls the bridge counted. */
  readonly unawaitedCalls: number;
};

const cut = (text: string, limit: number) => (text.length > limit ? text.slice(0, limit) : text);

/**
 * The logs kept within the limits, measured here whatever the sandbox said:
 * at most `maxLogEntries` entries, each message at most `maxLogMessageChars`
 * (a cut one ends in TRUNCATION_MARK), `maxLogTotalChars` in all. What the
 * host drops or cuts is added to `dropped` and sets `truncated`. `rewrite`
 * (the log stack mapper) sees each message that can be kept, first cut to one
 * character past `maxLogMessageChars`, so its work is bounded by the limits,
 * and its answer is what is measured.
 */
function measureLogs(reported: CapturedLogs, limits: CaptureLimits, rewrite?: (message: string) => string): CapturedLogs {
  const entries: LogEntry[] = [];
  let { dropped, truncated } = reported;
  let total = 0;
  for (const entry of reported.entries) {
    const full = entries.length >= limits.maxLogEntries;
    const message = full || rewrite === undefined ? entry.message : rewrite(cut(entry.message, limits.maxLogMessageChars + 1));
    const room = Math.min(limits.maxLogMessageChars, limits.maxLogTotalChars - total);
    // A message the sandbox sent over the cap was cut before the rewrite, so it counts as cut even if the rewrite made it short.
    const fits = message.length <= room && entry.message.length <= limits.maxLogMessageChars;
    if (full || (!fits && room < TRUNCATION_MARK.length)) {
      dropped++;
      truncated = true;
      continue;
    }
    const kept = fits ? message : message.slice(0, room - TRUNCATION_MARK.length) + TRUNCATION_MARK;
    if (!fits) {
      dropped++;
      truncated = true;
    }
    total += kept.length;
    entries.push({ level: entry.level, message: kept });
  }
  return { entries, dropped, truncated };
}

/**
 * The code's logs with the host's own entries (the bridge's warnings) after
 * them, all measured again against `limits`: host entries take no room
 * the code's entries did not leave, and what does not fit is counted as
 * dropped.
 */
export function appendHostLogs(logs: CapturedLogs, host: CapturedLogs, limits: CaptureLimits): CapturedLogs {
  if (host.entries.length === 0 && host.dropped === 0) return logs;
  return measureLogs({ entries: [...logs.entries, ...host.entries], dropped: logs.dropped + host.dropped, truncated: logs.truncated || host.truncated }, limits);
}

/** The deepest nesting of arrays and objects in JSON text; a scan, so it cannot overflow the stack. */
function nesting(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

function parseJson(json: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(json) };
  } catch {
    return undefined;
  }
}

/**
 * The result within `maxResultChars`. Text over the cap, or a `$truncated`
 * answer of the wrong shape, becomes the host's own `$truncated` object with
 * a preview of the text. Undefined when the text is not JSON, or nests
 * deeper than the encoder ever writes: the sandbox did not answer honestly.
 */
function measureResult(json: string | undefined, markedTruncated: boolean, maxResultChars: number): { result: unknown; truncated: boolean } | undefined {
  if (json === undefined) return { result: undefined, truncated: false };
  const truncatedAs = (preview: string) => ({ result: { $truncated: true, limit: maxResultChars, preview: cut(preview, RESULT_PREVIEW_CHARS) }, truncated: true });
  if (json.length > maxResultChars && !markedTruncated) return truncatedAs(json);
  if (markedTruncated) {
    const reported = TRUNCATED_RESULT.safeParse(json.length <= TRUNCATED_ANSWER_CHARS ? parseJson(json)?.value : undefined);
    return truncatedAs(reported.success ? reported.data.preview : json);
  }
  if (nesting(json) > MAX_RESULT_DEPTH) return undefined;
  const parsed = parseJson(json);
  return parsed === undefined ? undefined : { result: parsed.value, truncated: false };
}

/**
 * Validates what an isolate answered and measures it against `limits`. The
 * sandbox runs hostile code, so its answer is untrusted input: a malformed
 * one is refused as a whole (undefined), and every size in it is measured
 * again here, never taken from the sandbox: oversized parts are cut, with the
 * truncation flags set. `fuelUsed` is at most `fuel`, and exactly `fuel`
 * when the runtime says the fuel stopped the code; `unawaitedCalls` is at
 * most `apiCalls`, the calls the bridge itself counted.
 */
export function readSandboxOutcome(raw: unknown, limits: CaptureLimits, fuel: number, apiCalls: number, rewriteLog?: (message: string) => string): MeasuredOutcome | undefined {
  const parsed = OUTCOME.safeParse(raw);
  if (!parsed.success) return undefined;
  const outcome = parsed.data;
  const unawaitedCalls = Math.min(outcome.unawaitedCalls, apiCalls);
  const measuredLogs = measureLogs(outcome.logs, limits, rewriteLog);
  if (!outcome.ok) {
    const { name, message, stack } = outcome.error;
    const error: SandboxError = {
      name: cut(name, ERROR_TEXT_LIMITS.nameChars),
      message: cut(message, ERROR_TEXT_LIMITS.messageChars),
      ...(stack !== undefined && { stack: cut(stack, ERROR_TEXT_LIMITS.stackChars) }),
    };
    return { ok: false, stopped: outcome.stopped, error, logs: measuredLogs, fuelUsed: outcome.stopped === "fuel" ? fuel : Math.min(outcome.fuelUsed, fuel), unawaitedCalls };
  }
  const measured = measureResult(outcome.resultJson, outcome.resultTruncated, limits.maxResultChars);
  if (measured === undefined) return undefined;
  return { ok: true, result: measured.result, resultTruncated: measured.truncated, logs: measuredLogs, fuelUsed: Math.min(outcome.fuelUsed, fuel), unawaitedCalls };
}
