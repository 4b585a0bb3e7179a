import { describe, expect, it } from "vitest";
import { checkCodeNesting, MAX_SYNTAX_DEPTH } from "../../../host/execution/check/code-nesting.js";
import { refusalStatus } from "../../../host/front/http/http-refusal.js";
import { Refusal } from "../../../host/refusal.js";
import { execute } from "../helpers.js";

const DEEP = 2000;

/** Code nested DEEP levels in one way each; every one used to overflow the host's stack (HTTP 500). */
const SHAPES: Record<string, string> = {
  arrays: `return ${"[".repeat(DEEP)}${"]".repeat(DEEP)}`,
  parentheses: `return ${"(".repeat(DEEP)}1${")".repeat(DEEP)}`,
  objects: `return ${"{a:".repeat(DEEP)}1${"}".repeat(DEEP)}`,
  "arrow chain": `return ${"() => ".repeat(DEEP)}1`,
  "template literals": `return ${"`${".repeat(DEEP)}1${"}`".repeat(DEEP)}`,
  "unary operators": `return ${"!".repeat(DEEP)}1`,
  "a chain of additions": `return 1${" + 1".repeat(DEEP)}`,
  "property accesses": `const o: any = {}; return o${".a".repeat(DEEP)}`,
  "else-if chain": `let x = 0; if (x) x = 1;${" else if (x) x = 1;".repeat(DEEP)} return x`,
  "nested blocks": `${"{".repeat(DEEP)}${"}".repeat(DEEP)} return 1`,
  "generic types": `type T = ${"Array<".repeat(DEEP)}1${">".repeat(DEEP)}; return 1`,
  "inside a markdown fence": "```ts\nreturn " + "[".repeat(DEEP) + "]".repeat(DEEP) + "\n```",
};

async function expectTooDeep(code: string, check: boolean) {
  const { error } = await execute({ code, check }, { status: 400 });
  expect(error?.code).toBe("code_too_deep");
  expect(error?.message).toContain(`at most ${MAX_SYNTAX_DEPTH} levels`);
  return error?.message;
}

describe("deeply nested code is refused up front with a 400, never a 500", () => {
  for (const [shape, code] of Object.entries(SHAPES)) {
    it(`${shape}, with and without check`, async () => {
      await expectTooDeep(code, true);
      await expectTooDeep(code, false);
    });
  }

  it("names the agent's line of the deepest construct", async () => {
    const message = await expectTooDeep(`const a = 1;\nconst b = 2;\nreturn ${"[".repeat(400)}${"]".repeat(400)};`, false);
    expect(message).toContain("(line 3)");
  });

  it("refuses code too deep even for the parser (the whole code size of unary operators)", async () => {
    await expectTooDeep(`return ${"!".repeat(60_000)}1`, false);
  });

  it("is a function every front end can call: it throws the same refusal, a 400 over HTTP", () => {
    let thrown: unknown;
    try {
      checkCodeNesting(SHAPES.arrays);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Refusal);
    expect(refusalStatus(thrown as Refusal)).toBe(400);
    expect(() => checkCodeNesting("return [[1, 2], { a: [3] }]")).not.toThrow();
  });

  it("runs ordinary code, and nesting just under the limit, checked and unchecked", async () => {
    const nested = `return ${"[".repeat(60)}1${"]".repeat(60)}`;
    const additions = `return 0${" + 1".repeat(200)}`;
    for (const check of [true, false]) {
      expect((await execute({ code: nested, check })).ok).toBe(true);
      expect(await execute({ code: additions, check })).toMatchObject({ ok: true, result: 200 });
    }
  });

  it("the worst shapes just under the limit still run, checked and unchecked: the limit sits below the stack's reach", async () => {
    // The module wrapper takes 3 levels; each shape here adds one level per repetition.
    const depth = MAX_SYNTAX_DEPTH - 5;
    const shapes = {
      arrows: `return ${"() => ".repeat(depth)}1`,
      loops: `${"for (;;) ".repeat(depth)}break; return 1`,
      arrays: `return ${"[".repeat(depth)}${"]".repeat(depth)}`,
    };
    for (const [shape, code] of Object.entries(shapes)) {
      for (const check of [true, false]) {
        await execute({ code, check });
      }
    }
  });
});
