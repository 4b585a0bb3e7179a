import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { TRUNCATION_MARK, type CaptureLimits, type LogEntry } from "../../../api-types/sandbox-protocol.js";
import { runExecuteRequest } from "../../../host/execution/execute-request.js";
import { createLogStackMapper, MAX_MAPPED_FRAMES_PER_MESSAGE } from "../../../host/execution/log-stacks.js";
import { readSandboxOutcome } from "../../../host/execution/outcome.js";
import { transpile } from "../../../host/execution/transpile.js";
import { parseCode } from "../../../host/execution/parsed-code.js";
import { demoHost, execute } from "../helpers.js";

/** Frames of the transpiled module or of the runtime, which no log should show once mapped. */
const UNMAPPED = /agent\.js|runtime\.js|new Promise|SandboxRuntime/;

/** The 1-based line and column where `needle` starts in `code`. */
function at(code: string, needle: string): string {
  const index = code.indexOf(needle);
  if (index === -1) throw new Error(`"${needle}" is not in the code.`);
  const before = code.slice(0, index).split("\n");
  return `agent.ts:${before.length}:${before.at(-1)!.length + 1}`;
}

/** Types and blank lines before the code that runs, so lines of the TypeScript and of the emitted JavaScript differ. */
const HELPER = `interface Item {
  id: string;
  price: number;
}
type Id = string;

function load(id: Id): Item {
  throw new Error(\`no such item \${id}\`);
}
`;

describe("stacks in logged values", () => {
  it("point at the agent's own lines in console.error(\"failed:\", e), without runtime frames", async () => {
    const code = `${HELPER}
try {
  load("x");
} catch (e) {
  console.error("failed:", e);
}
return "done";`;
    const response = await execute({ code });
    expect(response.result).toBe("done");
    expect(response.logs[0].message).toBe(
      `failed: Error: no such item x\n    at load (${at(code, "new Error")})\n    at <agent> (${at(code, 'load("x")')})`,
    );
  });

  it("give the same frames as the response's error for the same throw", async () => {
    const logged = await execute({ code: `${HELPER}\ntry { load("x"); } catch (e) { console.log(e); }\nreturn 1;` });
    const thrown = await execute({ code: `${HELPER}\ntry { load("x"); } catch (e) { throw e; }\nreturn 1;` });
    expect(thrown.error?.stack).toMatch(/agent\.ts:8:/);
    expect(logged.logs[0].message).toBe(thrown.error?.stack);
  });

  it("are mapped in String(e.stack) and e.stack", async () => {
    const code = `${HELPER}
try { load("y"); } catch (e) {
  console.log(String((e as Error).stack));
  console.log("stack:", (e as Error).stack);
}`;
    const response = await execute({ code });
    const frames = `    at load (${at(code, "new Error")})\n    at <agent> (${at(code, 'load("y")')})`;
    expect(response.logs.map((entry) => entry.message)).toEqual([`Error: no such item y\n${frames}`, `stack: Error: no such item y\n${frames}`]);
  });

  it("of an Error inside a logged object are mapped inside its JSON", async () => {
    const code = `${HELPER}
try { load("z"); } catch (e) {
  console.log({ step: "load", e });
}`;
    const response = await execute({ code });
    const logged = JSON.parse(response.logs[0].message) as { step: string; e: { name: string; message: string; stack: string } };
    expect(logged).toEqual({
      step: "load",
      e: { name: "Error", message: "no such item z", stack: `Error: no such item z\n    at load (${at(code, "new Error")})\n    at <agent> (${at(code, 'load("z")')})` },
    });
  });

  it("of an API call's error show the agent's line of the call", async () => {
    const code = `type Stats = { mean: number };
let stats: Stats | undefined;
try {
  stats = await math.stats({ values: [] });
} catch (e) {
  console.error("stats failed:", e);
}
return stats ?? null;`;
    const response = await execute({ code, apis: ["math"] });
    expect(response.ok).toBe(true);
    const message = response.logs[0].message;
    expect(message).toMatch(/^stats failed: \w+: /);
    expect(message.split("\n").slice(1)).toEqual([`    at <agent> (${at(code, "stats({ values")})`]);
    expect(message).not.toMatch(UNMAPPED);
  });

  it("follow Error.cause, each cause with its own mapped stack", async () => {
    const code = `${HELPER}
function wrap(): void {
  try {
    load("w");
  } catch (e) {
    throw new Error("wrapping failed", { cause: e });
  }
}
try { wrap(); } catch (e) { console.log(e); }`;
    const response = await execute({ code });
    expect(response.logs[0].message).toBe(
      [
        "Error: wrapping failed",
        `    at wrap (${at(code, 'new Error("wrapping')})`,
        `    at <agent> (${at(code, "wrap(); }")})`,
        "Caused by: Error: no such item w",
        `    at load (${at(code, "new Error(`")})`,
        `    at wrap (${at(code, 'load("w")')})`,
        `    at <agent> (${at(code, "wrap(); }")})`,
      ].join("\n"),
    );
  });

  it("keep the names of methods and the built-ins the agent called, and drop the runtime's", async () => {
    const code = `class Cart {
  total(prices: number[]): number[] {
    return prices.map((price) => {
      if (price < 0) throw new RangeError("negative price");
      return price;
    });
  }
}
try { new Cart().total([1, -1]); } catch (e) { console.log(e); }`;
    const response = await execute({ code });
    expect(response.logs[0].message).toBe(
      [
        "RangeError: negative price",
        `    at <agent> (${at(code, "new RangeError")})`,
        "    at Array.map (<anonymous>)",
        `    at Cart.total (${at(code, "map((price)")})`,
        `    at <agent> (${at(code, "total([1")})`,
      ].join("\n"),
    );
  });

  it("leave frames the code printed itself as they were when nothing maps there", async () => {
    const code = `console.log("    at x (agent.js:99999:1)\\n    at y (agent.js:1:99999999999)");\nreturn 1;`;
    const response = await execute({ code });
    expect(response).toMatchObject({ ok: true, result: 1 });
    expect(response.logs[0].message).toBe("    at x (agent.js:99999:1)\n    at y (agent.js:1:99999999999)");
  });

  it("are mapped in entries streamed while the code runs, as in the response", async () => {
    const streamed: LogEntry[] = [];
    // The call after the log keeps the test from racing the stream: calls over the bridge arrive in the order they were made.
    const code = `${HELPER}\ntry { load("s"); } catch (e) { console.error("failed:", e); }\nreturn await math.add({ a: 1, b: 2 });`;
    const response = await runExecuteRequest(demoHost(env), { code, apis: ["math"] }, { onLog: (entry) => streamed.push(entry) });
    expect(response.logs[0].message).toMatch(/^failed: Error: no such item s\n {4}at load \(agent\.ts:8:9\)/);
    expect(streamed).toEqual(response.logs);
  });
});

describe("the log stack mapper", () => {
  const parsed = parseCode("const a: number = 1;\nthrow new Error(String(a));");
  const { source } = parsed;
  const compiled = transpile(parsed);
  if (!compiled.ok) throw new Error("The fixture does not transpile.");
  const mapper = createLogStackMapper(compiled.compiled.sourceMap, source);
  /** The frame V8 writes for the throw: the fixture's module has the throw on agent.js line 3. */
  const throwFrame = "    at agent.js:3:11";

  it("returns a message without module names untouched", () => {
    const message = "    at Array.map (<anonymous>)\n    at x (other.js:1:1)";
    expect(mapper(message)).toBe(message);
  });

  it("maps the frame to the code as sent", () => {
    expect(mapper(`Error: 1\n${throwFrame}\n    at runtime.js:618:49\n    at new Promise (<anonymous>)\n    at SandboxRuntime.run (runtime.js:589:12)`)).toBe(
      "Error: 1\n    at <agent> (agent.ts:2:7)",
    );
  });

  it("keeps async frames async, and the built-ins they awaited", () => {
    expect(mapper(`Error: 1\n    at async load (agent.js:3:11)\n    at async Promise.all (index 0)\n    at async agent.js:3:11`)).toBe(
      "Error: 1\n    at async load (agent.ts:2:7)\n    at async Promise.all (index 0)\n    at async <agent> (agent.ts:2:7)",
    );
  });

  it(`maps at most ${MAX_MAPPED_FRAMES_PER_MESSAGE} frames of one message and leaves the rest as written`, () => {
    const message = Array.from({ length: 100 }, () => throwFrame).join("\n");
    const lines = mapper(message).split("\n");
    expect(lines).toHaveLength(100);
    expect(lines.filter((line) => line === "    at <agent> (agent.ts:2:7)")).toHaveLength(MAX_MAPPED_FRAMES_PER_MESSAGE);
    expect(lines.slice(MAX_MAPPED_FRAMES_PER_MESSAGE).every((line) => line === throwFrame)).toBe(true);
  });

  it("drops the runtime's frames inside a JSON string and keeps the JSON valid", () => {
    const json = JSON.stringify({ e: { stack: `ValidationError: bad\n    at call (runtime.js:442:18)\n    at known.<computed> (runtime.js:466:60)\n${throwFrame}\n    at runtime.js:618:49` } });
    expect(JSON.parse(mapper(json))).toEqual({ e: { stack: "ValidationError: bad\n    at <agent> (agent.ts:2:7)" } });
  });

  it("sees each message cut to the cap; a message it made longer than the cap, or one sent over the cap, ends in the mark", () => {
    const limits: CaptureLimits = { maxLogEntries: 10, maxLogMessageChars: 100, maxLogTotalChars: 1000, maxResultChars: 1000, maxCallInputChars: 1000 };
    const seen: number[] = [];
    const grows = `${"x".repeat(100 - throwFrame.length - 1)}\n${throwFrame}`;
    const shrinks = `E${"\n    at runtime.js:1:1".repeat(10)}`;
    const entries = [{ level: "log", message: grows }, { level: "log", message: "y".repeat(1_000_000) }, { level: "log", message: shrinks }];
    const outcome = readSandboxOutcome({ ok: true, resultTruncated: false, logs: { entries, dropped: 0, truncated: false }, fuelUsed: 1, unawaitedCalls: 0 }, limits, 100, 0, (message) => {
      seen.push(message.length);
      return mapper(message);
    });
    expect(seen).toEqual([100, 101, 101]);
    expect(outcome?.logs.entries.map((entry) => entry.message)).toEqual([
      `${"x".repeat(100 - throwFrame.length - 1)}\n    at <agent> (agent.ts:2:7)`.slice(0, 100 - TRUNCATION_MARK.length) + TRUNCATION_MARK,
      "y".repeat(100 - TRUNCATION_MARK.length) + TRUNCATION_MARK,
      // Cut to 101 characters, four whole runtime frames and the start of a fifth; the frames go, and the cut is still marked.
      `E\n    at runt${TRUNCATION_MARK}`,
    ]);
    expect(outcome?.logs).toMatchObject({ dropped: 3, truncated: true });
  });
});
