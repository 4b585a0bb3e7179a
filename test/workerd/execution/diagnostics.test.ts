import { describe, expect, it } from "vitest";
import { execute } from "../helpers.js";

/** What a diagnostic tells an agent: TypeScript's hints kept, advice it cannot follow replaced. */
describe("diagnostics", () => {
  it("keep TypeScript's related information as a hint: a missing await says so", async () => {
    const answer = await execute({ code: "const s = math.stats({ values: [1, 2] });\nreturn s.mean;" });
    expect(answer.error?.name).toBe("CompileError");
    expect(answer.diagnostics?.[0]).toMatchObject({ line: 2, message: expect.stringContaining("does not exist on type 'Promise<"), hint: "Did you forget to use 'await'?" });
  });

  it("tell an agent that sent module syntax what to send instead", async () => {
    const imported = await execute({ code: 'import { math } from "ghostwire";\nreturn await math.add({ a: 1, b: 2 });' });
    expect(imported.diagnostics?.[0]).toMatchObject({ line: 1, code: 1232, hint: expect.stringContaining("the granted APIs are globals") });
    const exported = await execute({ code: "export const total = 1;\nreturn total;" });
    expect(exported.diagnostics?.[0]).toMatchObject({ line: 1, column: 1, code: 1184, hint: expect.stringContaining("Leave out `export`") });
    const modifier = await execute({ code: "declare const x: number;\nreturn 1;" });
    expect(modifier.diagnostics?.[0]?.hint ?? "").not.toContain("Leave out `export`");
  });

  it("never advise changing compiler options or installing types, which an agent cannot do", async () => {
    const answer = await execute({ code: 'const fs = require("fs");\ndocument.title = "x";\nreturn [[1].findLastIndex((n) => n > 0), "".toWellFormed().length, Object.hasOwn({}, "a")];' });
    const messages = (answer.diagnostics ?? []).map((d) => d.message);
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      expect(message).not.toMatch(/compiler option|tsconfig|npm i|type definitions/);
      expect(message).toContain("The sandbox does not provide it");
    }
    expect(messages[0]).toMatch(/^Cannot find name 'require'\./);
    expect(messages[1]).toMatch(/^Cannot find name 'document'\./);
  });

  it("refuse `new` of a class the sandbox does not have", async () => {
    const answer = await execute({ code: "const channel = new MessageChannel();\nreturn typeof channel;" });
    expect(answer.diagnostics?.[0]).toMatchObject({ line: 1, message: "Cannot create an instance of an abstract class." });
    const unchecked = await execute({ code: "return typeof MessageChannel;", check: false });
    expect(unchecked.result).toBe("undefined");
  });
});
