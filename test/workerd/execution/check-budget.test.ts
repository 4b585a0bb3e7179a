import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createAgentSource } from "../../../host/execution/agent-source.js";
import { GhostwireRpcService } from "../../../host/front/rpc/service.js";
import { TypeChecker } from "../../../host/execution/check/typecheck.js";
import { declareApis } from "../../../host/apis/declarations.js";
import { call, demoHost, execute } from "../helpers.js";
import { CHECK_BOMBS, REALISTIC_PROGRAMS } from "./check-bombs.js";

describe("the type check has a budget", () => {
  for (const [name, code] of Object.entries(CHECK_BOMBS)) {
    it(`stops ${name} with CheckBudgetExceeded, and the code does not run`, async () => {
      expect(new TextEncoder().encode(code).byteLength).toBeLessThan(64 * 1024);
      const response = await execute({ code: `${code}\nconsole.log("ran");\nreturn "ran";` });
      expect(response.ok).toBe(false);
      expect(response.error?.name).toBe("CheckBudgetExceeded");
      expect(response.error?.message).toMatch(/Simplify its types .*or send check: false/);
      expect(response.logs).toEqual([]);
      expect(response.result).toBeUndefined();
    });
  }

  it("lets the same code run with check: false", async () => {
    const response = await execute({ code: `${CHECK_BOMBS["recursive conditional types building tuples, 60 times"]}\nreturn "ran";`, check: false });
    expect(response).toMatchObject({ ok: true, result: "ran" });
  });

  it("keeps checking correctly after a stop: the same bomb again, then ordinary code with and without errors", async () => {
    const bomb = CHECK_BOMBS["two unions of 10,000 object types related to each other"];
    expect((await execute({ code: bomb })).error?.name).toBe("CheckBudgetExceeded");
    expect((await execute({ code: bomb })).error?.name).toBe("CheckBudgetExceeded");
    expect(await execute({ code: "return await math.add({ a: 20, b: 22 });" })).toMatchObject({ ok: true, result: 42 });
    const wrong = await execute({ code: 'const n: number = "x";\nreturn n;' });
    expect(wrong.error?.name).toBe("CompileError");
    expect(wrong.diagnostics?.[0]).toMatchObject({ line: 1, code: 2322 });
    expect((await call("/v1/types?apis=math")).status).toBe(200);
  });

  it("answers Cap'n Web check() with a rejection that says what to do", async () => {
    const service = new GhostwireRpcService(demoHost(env));
    await expect(service.check(CHECK_BOMBS["a tuple of 8,192 elements grown one element at a time"])).rejects.toThrow(/Type-checking this code took more work than the host allows/);
    await expect(service.check("const n: number = 1;\nreturn n;")).resolves.toEqual([]);
  });

  it("leaves realistic programs far below the budget", () => {
    // A tenth of the budget: a realistic program that hits it means the budget is too small.
    const strict = new TypeChecker({ budgetUnits: 50_000 });
    for (const [name, code] of Object.entries(REALISTIC_PROGRAMS)) {
      const checked = strict.check(createAgentSource(code), declareApis(demoHost(env).catalog.builtIn.list().map((api) => api.contract)));
      expect(checked, name).toMatchObject({ ok: true, diagnostics: [] });
    }
  });

  it("counts the checker's work: a budget of a few units stops even `1 + 1`", () => {
    const checker = new TypeChecker({ budgetUnits: 5 });
    const checked = checker.check(createAgentSource("const a: number = 1 + 1;\nreturn a;"), "");
    expect(checked).toEqual({ ok: false, budgetExceeded: expect.stringContaining("(5 units") });
  });
});
