import { describe, expect, it } from "vitest";
import { createAgentSource } from "../../../host/execution/agent-source.js";

/** Whether the host calls the code as one function expression, rather than running it as statements. */
const called = (code: string) => createAgentSource(code).module.includes("return (");

describe("createAgentSource", () => {
  it("calls code that is one function expression, however it starts", () => {
    for (const code of [
      "async () => {\n  return 1;\n}",
      "// the agent's note\n/* and another */\n  async () => 1",
      "(function () { return 1; })",
      "(async () => { return 1; })",
      "x => 2",
      "<T,>(value?: T) => value ?? 1",
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
    ]) {
      expect(called(code), code).toBe(false);
    }
  });
});
