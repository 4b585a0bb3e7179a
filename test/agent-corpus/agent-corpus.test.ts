import { describe, expect, it } from "vitest";
import { execute, type ExecuteAnswer } from "../workerd/helpers.js";
import { createSession } from "../workerd/sessions/session-helpers.js";
import type { AgentProgram, ExpectedError } from "./agent-program.js";
import { CATALOG_PAGING_PROGRAMS } from "./catalog-paging.js";
import { CATALOG_PROGRAMS } from "./catalog.js";
import { EXCHANGE_PROGRAMS } from "./exchange.js";
import { MATH_PROGRAMS } from "./math.js";
import { RUNTIME_MISTAKES } from "./mistakes.js";
import { RATES_PROGRAMS } from "./rates.js";
import { SESSION_PROGRAMS } from "./sessions.js";
import { TYPE_MISTAKES } from "./type-mistakes.js";
import { WEATHER_PROGRAMS } from "./weather.js";

/**
 * The agent-style corpus (README, "Project layout"; issue 13, point 6):
 * every program runs type-checked against the demo host, as an agent would
 * send it, and must end exactly as its entry says.
 */
const THEMES: Record<string, readonly AgentProgram[]> = {
  catalog: CATALOG_PROGRAMS,
  "catalog paging": CATALOG_PAGING_PROGRAMS,
  math: MATH_PROGRAMS,
  rates: RATES_PROGRAMS,
  weather: WEATHER_PROGRAMS,
  sessions: SESSION_PROGRAMS,
  "exchange (new method names: getLatestRates, echo.request)": EXCHANGE_PROGRAMS,
  "mistakes caught by the type check": TYPE_MISTAKES,
  "mistakes at run time": RUNTIME_MISTAKES,
};

async function run(entry: AgentProgram): Promise<ExecuteAnswer> {
  const session = entry.apis.includes("session") ? (await createSession()).session : undefined;
  for (const [turn, code] of (entry.earlier ?? []).entries()) {
    const earlier = await execute({ code, apis: entry.apis, session });
    if (!earlier.ok) throw new Error(`Earlier turn ${turn + 1} failed: ${JSON.stringify(earlier.error)} ${JSON.stringify(earlier.diagnostics ?? [])}`);
  }
  return execute({ code: entry.code, apis: entry.apis, session, fuel: entry.fuel });
}

function expectError(answer: ExecuteAnswer, expected: ExpectedError): void {
  expect(answer.ok, "the program must fail").toBe(false);
  expect(answer.error?.name).toBe(expected.name);
  if (expected.name !== "CompileError") {
    expect(answer.error?.line).toBe(expected.line);
    if (expected.message) expect(answer.error?.message).toMatch(expected.message);
    return;
  }
  const onLine = (answer.diagnostics ?? []).filter((d) => d.line === expected.line);
  expect(onLine, `no diagnostic on line ${expected.line}`).not.toEqual([]);
  if (expected.message) expect(onLine.map((d) => d.message).join("\n")).toMatch(expected.message);
  if (expected.hint) expect(onLine.map((d) => d.hint ?? "").join("\n")).toMatch(expected.hint);
}

/** Frames of the transpiled module or of the sandbox runtime: no log or error may show them to the agent. */
const FOREIGN_FRAMES = /agent\.js|runtime\.js/;

async function expectOutcome(entry: AgentProgram, answer: ExecuteAnswer): Promise<void> {
  const { expect: outcome } = entry;
  for (const text of [...answer.logs.map((l) => l.message), answer.error?.stack ?? ""]) expect(text).not.toMatch(FOREIGN_FRAMES);
  if (outcome.error) return expectError(answer, outcome.error);
  expect(answer.error, "the program must succeed").toBeUndefined();
  expect(answer.ok).toBe(true);
  if (outcome.result) expect(answer.result).toEqual(await outcome.result());
  if (outcome.check) await outcome.check(answer.result);
  if (outcome.noResult) expect("result" in answer, "the program returns nothing").toBe(false);
  if (outcome.log) expect(answer.logs.map((l) => `${l.level} ${l.message}`).join("\n")).toMatch(outcome.log);
  if (outcome.warn) expect(answer.logs.filter((l) => l.level === "warn").map((l) => l.message).join("\n")).toMatch(outcome.warn);
  if (outcome.unawaitedCalls !== undefined) expect(answer.stats.unawaitedCalls).toBe(outcome.unawaitedCalls);
}

describe("the agent-style corpus: realistic programs end exactly as expected", () => {
  for (const [theme, entries] of Object.entries(THEMES)) {
    describe(theme, () => {
      for (const entry of entries) {
        if (entry.knownDefect !== undefined) {
          it.skip(`${entry.name} [known host defect: ${entry.knownDefect}]`, () => {});
          continue;
        }
        it(entry.name, async () => {
          const answer = await run(entry);
          try {
            await expectOutcome(entry, answer);
          } catch (failure) {
            // The whole answer, so a failing entry can be judged without re-running it.
            console.error(`${entry.name}:\n${JSON.stringify({ error: answer.error, diagnostics: answer.diagnostics, result: answer.result, logs: answer.logs }, null, 2)}`);
            throw failure;
          }
        });
      }
    });
  }
});

describe("the corpus itself", () => {
  const all = Object.values(THEMES).flat();

  it("holds at least 60 programs, 15 of them mistakes, across every demo API and sessions", () => {
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(TYPE_MISTAKES.length + RUNTIME_MISTAKES.length).toBeGreaterThanOrEqual(15);
    const used = new Set(all.flatMap((entry) => entry.apis));
    expect([...used].sort()).toEqual(["catalog", "exchange", "math", "rates", "session", "weather"]);
  });

  it("gives every program a unique name and exactly one kind of outcome", () => {
    expect(new Set(all.map((entry) => entry.name)).size).toBe(all.length);
    for (const { name, expect: outcome } of all) {
      const kinds = [outcome.result, outcome.check, outcome.noResult, outcome.error].filter((kind) => kind !== undefined);
      expect(kinds.length, name).toBe(1);
    }
  });
});
