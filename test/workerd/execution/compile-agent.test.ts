import { describe, expect, it } from "vitest";
import { compileAgent, RECENT_COMPILATIONS } from "../../../host/execution/compile-agent.js";
import { parseCode } from "../../../host/execution/parsed-code.js";

describe("compileAgent", () => {
  it("instruments and transpiles the code, with a source map", () => {
    const compilation = compileAgent(parseCode("let n = 0;\nwhile (n < 3) n++;\nreturn n;"));
    expect(compilation.ok).toBe(true);
    if (!compilation.ok) return;
    expect(compilation.compiled.js).toContain("__gw_fuel()");
    expect(compilation.compiled.js).not.toContain("let n: number");
  });

  it("compiles code sent again once: the same code gets the same compiled module", () => {
    const code = `return ${Math.random()};`;
    const first = compileAgent(parseCode(code));
    expect(compileAgent(parseCode(code))).toBe(first);
    expect(compileAgent(parseCode(`${code} `))).not.toBe(first);
  });

  it("refuses the same code again, with the same diagnostics", () => {
    for (const [code, refused] of [["return (;", "syntax"], ['const m = await import("node:fs");\nreturn 1;', "construct"]] as const) {
      const first = compileAgent(parseCode(code));
      expect(first).toMatchObject({ ok: false, refused });
      expect(compileAgent(parseCode(code))).toEqual(first);
    }
  });

  it("keeps at most RECENT_COMPILATIONS, and forgets the oldest first", () => {
    const code = `return "${Math.random()}";`;
    const first = compileAgent(parseCode(code));
    for (let n = 0; n < RECENT_COMPILATIONS - 1; n++) compileAgent(parseCode(`return ${n} + ${Math.random()};`));
    expect(compileAgent(parseCode(code))).toBe(first);
    for (let n = 0; n < RECENT_COMPILATIONS; n++) compileAgent(parseCode(`return ${n} - ${Math.random()};`));
    const again = compileAgent(parseCode(code));
    expect(again).not.toBe(first);
    expect(again.ok && again.compiled.js).toBe(first.ok && first.compiled.js);
  });

  it("does not keep long code", () => {
    const code = `const filler = "${"x".repeat(20_000)}";\nreturn filler.length;`;
    expect(compileAgent(parseCode(code))).not.toBe(compileAgent(parseCode(code)));
  });
});
