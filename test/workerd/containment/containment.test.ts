import { describe, expect, it } from "vitest";
import { execute } from "../helpers.js";

/** The host's defaults (host/config.ts): the tests run without overrides. */
const MAX_FUEL = 100_000_000;
const MAX_TIMEOUT_MS = 30_000;

describe("CPU fuel", () => {
  it("burns one unit per loop iteration and one per function call", async () => {
    expect((await execute({ code: "for (let i = 0; i < 10; i++) {}" })).stats.fuelUsed).toBe(10);
    expect((await execute({ code: "return [1, 2, 3].map((n) => n * 2);" })).stats.fuelUsed).toBe(3);
    expect((await execute({ code: "function f(n: number): number { return n === 0 ? 0 : f(n - 1); }\nreturn f(4);" })).stats.fuelUsed).toBe(5);
    expect((await execute({ code: "let n = 0;\nwhile (n < 3) { n++; if (n > 1) continue; }" })).stats.fuelUsed).toBe(3);
  });

  it("burns for code a class or a generator call runs outside any function body", async () => {
    const fuelOf = async (code: string) => (await execute({ code, check: false })).stats.fuelUsed;
    // Per construction: one per field initializer that runs code; a literal or an arrow runs none.
    expect(await fuelOf("let n = 0;\nclass A { a = n++; b = 1; c = () => 1; }\nnew A(); new A();")).toBe(2);
    expect(await fuelOf("class A { static s = Math.max(1, 2); static { } }")).toBe(2);
    expect(await fuelOf("const k = 'key';\nclass A { [k] = 1; }")).toBe(1);
    expect(await fuelOf("const k = 'key';\nconst o = { [k]() {}, get [k + 1]() { return 1; } };")).toBe(0);
    expect(await fuelOf("class A extends (Object as any) {}")).toBe(1);
    // A generator's parameter default runs at the call, before its body; the body burns at next().
    expect(await fuelOf("function* g(a = Math.max(1, 2)) {}\ng();")).toBe(1);
    expect(await fuelOf("function* g(a = Math.max(1, 2)) {}\ng().next();")).toBe(2);
  });

  it("keeps function names inferred from class fields", async () => {
    const response = await execute({ code: "class A { go = () => 1; static Inner = class {}; }\nreturn [new A().go.name, A.Inner.name];" });
    expect(response.result).toEqual(["go", "Inner"]);
  });

  it("lets code use exactly its budget, and stops it one unit later", async () => {
    const exact = await execute({ code: "let n = 0;\nfor (let i = 0; i < 10; i++) n += i;\nreturn n;", fuel: 10 });
    expect(exact).toMatchObject({ ok: true, result: 45, stats: { fuelUsed: 10 } });
    const over = await execute({ code: "let n = 0;\nfor (let i = 0; i < 11; i++) n += i;\nreturn n;", fuel: 10 });
    expect(over).toMatchObject({ ok: false, error: { name: "CpuBudgetExceeded", line: 2 }, stats: { fuelUsed: 10 } });
  });

  it("reports where execution stopped, in the agent's lines, with the call path", async () => {
    const code = ["type N = number;", "function spin(limit: N) {", "  let total = 0;", "  for (let i = 0; i < limit; i++) total += i;", "  return total;", "}", "return [10, 1e12].map((n) => spin(n));"].join("\n");
    const response = await execute({ code, fuel: 50_000 });
    expect(response.error).toMatchObject({ name: "CpuBudgetExceeded", line: 4, column: 3 });
    expect(response.error?.message).toBe(
      "The code used its whole CPU budget of 50000 fuel units (one per loop iteration or function call) and was stopped. " +
        `Do less work per execution, or send a larger fuel (at most ${MAX_FUEL}).`,
    );
    expect(response.error?.stack).toMatch(/^CpuBudgetExceeded: .*\n {4}at spin \(agent\.ts:4:3\)\n {4}at <agent> \(agent\.ts:7:\d+\)/);
    expect(response.error?.stack).not.toContain("runtime.js");
  });

  it("says when the budget was already the host's maximum", async () => {
    const response = await execute({ code: "while (true) {}" });
    expect(response.error?.message).toMatch(/That is this host's maximum: do less work per execution, or split it across several\.$/);
    expect(response.stats.fuelUsed).toBe(MAX_FUEL);
  });

  it("keeps the logs written before the stop", async () => {
    const response = await execute({ code: "console.log('starting');\nwhile (true) {}", fuel: 1000 });
    expect(response).toMatchObject({ ok: false, error: { name: "CpuBudgetExceeded" }, logs: [{ level: "log", message: "starting" }] });
  });

  it("refuses a fuel above the host's maximum, naming the maximum", async () => {
    const response = await execute({ code: "return 1;", fuel: MAX_FUEL + 1 }, { status: 400 });
    expect(response).toEqual({
      error: { code: "fuel_too_large", message: `fuel is ${MAX_FUEL + 1}; this host allows at most ${MAX_FUEL}. Send a smaller fuel, or omit it to get the maximum.` },
    });
  });

  it("refuses a fuel that is not a positive integer", async () => {
    await execute({ code: "return 1;", fuel: 0 }, { status: 400 });
    await execute({ code: "return 1;", fuel: 1.5 }, { status: 400 });
  });
});

describe("the reserved prefix and the wrapper function", () => {
  it("refuses the reserved prefix even when type-checking is on, with a sentence", async () => {
    const response = await execute({ code: "const __gw_total = 1;\nreturn __gw_total;" });
    expect(response).toMatchObject({ ok: false, error: { name: "CompileError", line: 1 } });
    expect(response.diagnostics?.map((d) => [d.code, d.line, d.column])).toEqual([
      [90001, 1, 7],
      [90001, 2, 8],
    ]);
    expect(response.diagnostics?.[0].message).toBe("The name `__gw_total` starts with __gw_, which is reserved for the sandbox. Rename it.");
  });

  it("allows the prefix inside strings and as a property read through a string key", async () => {
    const response = await execute({ code: "const o: Record<string, number> = { ['__gw_x']: 1 };\nreturn ['__gw_fuel', o['__gw_x']];" });
    expect(response).toMatchObject({ ok: true, result: ["__gw_fuel", 1] });
  });
});

describe("the wall-clock deadline", () => {
  it("stops an execution that awaits past its timeoutMs, with a sentence", async () => {
    const response = await execute({ code: "await new Promise((r) => setTimeout(r, 60_000));", timeoutMs: 200 });
    expect(response.error).toEqual({
      name: "Timeout",
      message: `The code did not finish within 200 ms and was stopped. Await fewer slow calls, or send a larger timeoutMs (at most ${MAX_TIMEOUT_MS}).`,
    });
  });

  it("refuses a timeoutMs above the host's maximum", async () => {
    const response = await execute({ code: "return 1;", timeoutMs: MAX_TIMEOUT_MS + 1 }, { status: 400 });
    expect(response.error?.code).toBe("timeout_too_large");
  });

  it("lets timers that finish within the deadline run", async () => {
    const response = await execute({ code: "let ticks = 0;\nawait new Promise<void>((done) => { const t = setInterval(() => { if (++ticks === 3) { clearInterval(t); done(); } }, 1); });\nreturn ticks;", timeoutMs: 5000 });
    expect(response).toMatchObject({ ok: true, result: 3 });
  });
});
