import { describe, expect, it } from "vitest";
import { createAgentSource } from "../../../host/execution/agent-source.js";

/** Whether the host calls the code as one function expression, rather than running it as statements. */
const called = (code: string) => createAgentSource(code).module.includes("return (");

describe("createAgentSource", () => {
  it("blanks out `export default` before one function, keeping every position of the code as sent", () => {
    const code = "export default async function main() {\n  return 1;\n}";
    const source = createAgentSource(code);
    expect(source.module).not.toContain("export default async function main");
    const at = source.toModule(2, 3)!;
    expect(source.module.slice(at, at + 9)).toBe("return 1;");
    const line = source.module.slice(0, at).split("\n").length - 1;
    expect(source.toAgent(line, at - source.module.lastIndexOf("\n", at - 1) - 1)).toEqual({ line: 2, column: 3 });
  });

  it("calls code that is one function expression, however it starts", () => {
    for (const code of [
      "async () => {\n  return 1;\n}",
      "// the agent's note\n/* and another */\n  async () => 1",
      "(function () { return 1; })",
      "(async () => { return 1; })",
      "x => 2",
      "<T,>(value?: T) => value ?? 1",
      "export default async function main() {\n  return 1;\n}",
      "// the agent's note\nexport default async () => 1",
      "export\ndefault function () { return 1; }",
    ]) {
      expect(called(code), code).toBe(true);
    }
  });

  it("runs statements as the body of the function, including code that only looks like a function at first", () => {
    for (const code of [
      "return 1;",
      "const f = async () => 1;\nreturn await f();",
      "(async () => 1)();",
      "asyncTotal();",
      "functionally();",
      "await math.add({ a: 1, b: 2 });",
      "// async () => 1\nreturn 2;",
      "async\n() => 1",
      "async function main() { return 1; }\nreturn await main();",
      "export default async function main() { return 1; }\nawait main();",
      "export default 42;",
      "export const value = 1;",
    ]) {
      expect(called(code), code).toBe(false);
    }
  });
});
