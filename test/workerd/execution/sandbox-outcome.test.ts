import { describe, expect, it } from "vitest";
import { ERROR_TEXT_LIMITS, TRUNCATION_MARK, type CaptureLimits } from "../../../api-types/sandbox-protocol.js";
import { readSandboxOutcome } from "../../../host/execution/outcome.js";

/**
 * The host measures a sandbox's answer itself: an answer forged past every
 * cap (as agent code that subverted the runtime could send) comes out within
 * the caps, with the truncation flags set.
 */
const LIMITS: CaptureLimits = { maxLogEntries: 200, maxLogMessageChars: 4096, maxLogTotalChars: 65_536, maxResultChars: 1_048_576, maxCallInputChars: 262_144 };
const NO_LOGS = { entries: [], dropped: 0, truncated: false };
const ok = (fields: Record<string, unknown>) => ({ ok: true, resultTruncated: false, logs: NO_LOGS, fuelUsed: 1, unawaitedCalls: 0, ...fields });

describe("the host's measure of a sandbox answer", () => {
  it("cuts forged logs to the entry, message and total caps", () => {
    const entries = Array.from({ length: 1000 }, (_, i) => ({ level: "log", message: (i === 0 ? "z" : "x").repeat(i === 0 ? 3_000_000 : 5000) }));
    const outcome = readSandboxOutcome(ok({ logs: { entries, dropped: 0, truncated: false } }), LIMITS, 100, 0);
    expect(outcome?.logs.entries).toHaveLength(16);
    expect(outcome?.logs.entries[0].message).toBe(`${"z".repeat(4096 - TRUNCATION_MARK.length)}${TRUNCATION_MARK}`);
    expect(outcome?.logs.entries.reduce((sum, e) => sum + e.message.length, 0)).toBe(65_536);
    expect(outcome?.logs).toMatchObject({ dropped: 1000, truncated: true });
  });

  it("never lets more than maxLogEntries through, however short", () => {
    const entries = Array.from({ length: 1000 }, () => ({ level: "info", message: "." }));
    const outcome = readSandboxOutcome(ok({ logs: { entries, dropped: 3, truncated: false } }), LIMITS, 100, 0);
    expect(outcome?.logs).toMatchObject({ dropped: 803, truncated: true });
    expect(outcome?.logs.entries).toHaveLength(200);
  });

  it("truncates a result over the cap that the sandbox did not mark", () => {
    const outcome = readSandboxOutcome(ok({ resultJson: JSON.stringify("r".repeat(2_000_000)) }), LIMITS, 100, 0);
    expect(outcome).toMatchObject({ ok: true, resultTruncated: true, result: { $truncated: true, limit: LIMITS.maxResultChars, preview: `"${"r".repeat(1023)}` } });
  });

  it("cuts the preview of a result marked truncated", () => {
    const resultJson = JSON.stringify({ $truncated: true, limit: 5, preview: "p".repeat(20_000_000) });
    const outcome = readSandboxOutcome(ok({ resultJson, resultTruncated: true }), LIMITS, 100, 0);
    expect(outcome).toMatchObject({ ok: true, resultTruncated: true, result: { $truncated: true, limit: LIMITS.maxResultChars } });
    expect(JSON.stringify(outcome?.ok && outcome.result).length).toBeLessThan(1200);
  });

  it("refuses result text that is not JSON, or nests deeper than the encoder writes", () => {
    expect(readSandboxOutcome(ok({ resultJson: "{not json" }), LIMITS, 100, 0)).toBeUndefined();
    expect(readSandboxOutcome(ok({ resultJson: `${"[".repeat(100_000)}${"]".repeat(100_000)}` }), LIMITS, 100, 0)).toBeUndefined();
    expect(readSandboxOutcome(ok({ resultJson: `["${"[".repeat(1000)}"]` }), LIMITS, 100, 0)).toMatchObject({ ok: true, result: ["[".repeat(1000)] });
  });

  it("cuts an error's name, message and stack", () => {
    const error = { name: "N".repeat(1e6), message: "S".repeat(1e7), stack: "    at agent.js:1:1\n".repeat(1e5) };
    const outcome = readSandboxOutcome({ ok: false, stopped: "threw", error, logs: NO_LOGS, fuelUsed: 0, unawaitedCalls: 0 }, LIMITS, 100, 0);
    expect(outcome?.ok).toBe(false);
    if (outcome?.ok !== false) return;
    expect(outcome.error.name).toHaveLength(ERROR_TEXT_LIMITS.nameChars);
    expect(outcome.error.message).toHaveLength(ERROR_TEXT_LIMITS.messageChars);
    expect(outcome.error.stack).toHaveLength(ERROR_TEXT_LIMITS.stackChars);
  });

  it("takes fuelUsed as the budget only when the runtime says the fuel stopped the code", () => {
    const failed = (stopped: string, fuelUsed: number) => ({ ok: false, stopped, error: { name: "CpuBudgetExceeded", message: "m" }, logs: NO_LOGS, fuelUsed, unawaitedCalls: 0 });
    expect(readSandboxOutcome(failed("fuel", 3), LIMITS, 100, 0)?.fuelUsed).toBe(100);
    expect(readSandboxOutcome(failed("threw", 0), LIMITS, 100, 0)?.fuelUsed).toBe(0);
    expect(readSandboxOutcome(failed("threw", 1e9), LIMITS, 100, 0)?.fuelUsed).toBe(100);
    expect(readSandboxOutcome(failed("tired", 0), LIMITS, 100, 0)).toBeUndefined();
  });
});

describe("unawaited calls the sandbox reports", () => {
  it("are never more than the calls the bridge counted, and their absence is a malformed answer", () => {
    const claimed = { ok: true, resultTruncated: false, logs: { entries: [], dropped: 0, truncated: false }, fuelUsed: 1, unawaitedCalls: 1e9 };
    expect(readSandboxOutcome(claimed, LIMITS, 100, 3)?.unawaitedCalls).toBe(3);
    const { unawaitedCalls: _, ...missing } = claimed;
    expect(readSandboxOutcome(missing, LIMITS, 100, 3)).toBeUndefined();
  });
});
