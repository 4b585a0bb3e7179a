import { describe, expect, it } from "vitest";
import { execute } from "../helpers.js";

describe("runtime errors", () => {
  it("maps a throw on line 7 to line 7 of the agent's TypeScript", async () => {
    const code = [
      "type Point = { x: number; y: number };", // types vanish in the JavaScript
      "interface Named {",
      "  name: string;",
      "}",
      "const p: Point = { x: 1, y: 2 };",
      "const n: Named = { name: 'n' };",
      "if (p.x + p.y === 3) throw new RangeError(`bad ${n.name}`);",
      "return p;",
    ].join("\n");
    const response = await execute({ code });
    expect(response.ok).toBe(false);
    expect(response.error).toMatchObject({ name: "RangeError", message: "bad n", line: 7, column: 28 });
    expect(response.error?.stack).toContain("agent.ts:7:28");
    expect(response.error?.stack).not.toContain("runtime.js");
  });

  it("maps frames through nested functions", async () => {
    const code = ["function inner(): never {", "  throw new Error('deep');", "}", "function outer() {", "  inner();", "}", "outer();"].join("\n");
    const response = await execute({ code });
    expect(response.error).toMatchObject({ message: "deep", line: 2 });
    expect(response.error?.stack).toMatch(/at inner \(agent\.ts:2:\d+\)\n\s+at outer \(agent\.ts:5:\d+\)/);
  });

  it("takes an agent error's line from its stack, which the code can rewrite or delete", async () => {
    const moved = await execute({ code: "const other = new Error('o');\nconst e = new Error('x');\ne.stack = other.stack;\nthrow e;" });
    expect(moved.error).toMatchObject({ name: "Error", message: "x", line: 1 });
    const hidden = await execute({ code: "const e = new Error('hidden');\ndelete (e as any).stack;\nthrow e;", check: false });
    expect(hidden.error).toEqual({ name: "Error", message: "hidden" });
  });

  it("reports thrown non-Error values", async () => {
    const response = await execute({ code: "throw { code: 7 };", check: false });
    expect(response.error).toMatchObject({ name: "Error", message: 'Uncaught non-Error value: {"code":7}' });
  });

  it("keeps logs written before the error", async () => {
    const response = await execute({ code: "console.log('before');\nthrow new Error('after');" });
    expect(response.logs).toEqual([{ level: "log", message: "before" }]);
  });
});
