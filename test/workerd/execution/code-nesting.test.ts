import { describe, expect, it } from "vitest";
import { checkCodeNesting, MAX_SYNTAX_DEPTH, RECENT_NESTING_CHECKS } from "../../../host/execution/check/code-nesting.js";
import { compileAgent } from "../../../host/execution/compile-agent.js";
import { createInstrumentation } from "../../../host/execution/instrument.js";
import { parseCode } from "../../../host/execution/parsed-code.js";
import { transpile } from "../../../host/execution/transpile.js";
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

describe("code that passed the nesting check a moment ago", () => {
  it("passes again without a parse: the same normalized source, its tree parsed only when read", () => {
    const code = `const n = ${Math.random()};\nreturn [n, { a: [n] }];`;
    const first = checkCodeNesting(code);
    const again = checkCodeNesting(code);
    expect(again.source).toBe(first.source);
    expect(Object.getOwnPropertyDescriptor(again, "file")?.get).toBeTypeOf("function");
    expect(again.file.text).toBe(first.file.text);
    expect(again.file).toBe(again.file);
    expect(again.syntaxErrors).toEqual([]);
  });

  it("compiles the same from the tree parsed later, syntax errors included", () => {
    for (const code of [`return ${Math.random()} + 1;`, `return (${Math.random()};`]) {
      checkCodeNesting(code);
      // Remembered, and new to the compiler, which reads the tree.
      const compiled = compileAgent(checkCodeNesting(code));
      const eager = transpile(parseCode(code), createInstrumentation().transformers);
      expect(compiled.ok).toBe(eager.ok);
      if (compiled.ok && eager.ok) expect(compiled.compiled.js).toBe(eager.compiled.js);
      if (!compiled.ok && !eager.ok) expect(compiled.diagnostics).toEqual(eager.diagnostics);
    }
  });

  it("is refused every time when too deep: a refusal is never remembered as a pass", () => {
    for (let i = 0; i < 2; i++) expect(() => checkCodeNesting(SHAPES.objects)).toThrow(Refusal);
  });

  it("keeps at most RECENT_NESTING_CHECKS, and forgets the oldest first", () => {
    const code = `return "${Math.random()}";`;
    const first = checkCodeNesting(code);
    for (let n = 0; n < RECENT_NESTING_CHECKS - 1; n++) checkCodeNesting(`return ${n} + ${Math.random()};`);
    expect(checkCodeNesting(code).source).toBe(first.source);
    for (let n = 0; n < RECENT_NESTING_CHECKS; n++) checkCodeNesting(`return ${n} - ${Math.random()};`);
    const again = checkCodeNesting(code);
    expect(again.source).not.toBe(first.source);
    expect(Object.getOwnPropertyDescriptor(again, "file")?.get).toBeUndefined();
  });

  it("does not keep long code", () => {
    const code = `return "${"x".repeat(20_000)}";`;
    expect(checkCodeNesting(code).source).not.toBe(checkCodeNesting(code).source);
  });
});
