import ts from "typescript";
import { describe, expect, it } from "vitest";
import { createAgentSource, MODULE_FILE } from "../../../host/execution/agent-source.js";
import { emit, parseModule } from "../../../host/execution/emit.js";
import { createInstrumentation } from "../../../host/execution/instrument.js";

/**
 * The lean emit (host/execution/emit.ts) against ts.transpileModule, which
 * it replaces: the same JavaScript and the same source map mappings, byte for
 * byte, with the fuel instrumentation and without. The programs cover what the
 * emit resolver is asked about (enum, namespace, decorators, parameter
 * properties, generated names) and what it is not.
 */
const PROGRAMS = {
  "an API call, with comments": "// Adds.\nreturn await math.add({ a: 20, b: 22 }); /* the sum */",
  "loops, callbacks and types": "const xs: number[] = [3, 1, 2];\nlet total = 0;\nfor (const x of xs) total += x;\nwhile (total > 100) total--;\nreturn xs.toSorted((a, b) => a - b).map((x): string => `${x}`);",
  "an enum and a namespace": "enum Color { Red = 1, Green = Red * 2 }\nconst enum Flag { On = 1 }\nnamespace Shapes { export const sides = 4; }\nreturn Color.Green + Flag.On + Shapes.sides;",
  "classes: fields, parameter properties, accessors, static blocks": "class Point {\n  static count = 0;\n  #secret = 1;\n  static { Point.count++; }\n  constructor(private x: number, public readonly y = 2) {}\n  get sum() { return this.x + this.y + this.#secret; }\n  set sum(_: number) {}\n}\nreturn new Point(1).sum;",
  "decorators": "function logged<T>(value: T, _context: unknown): T { return value; }\nclass Service {\n  @logged run() { return 1; }\n}\nreturn new Service().run();",
  "using and generated names": "{\n  using resource = { [Symbol.dispose]() {} };\n  await using other = { async [Symbol.asyncDispose]() {} };\n}\nfunction* numbers({ a = 1, b: [c] = [2] } = {}) { yield a + c; }\nreturn [...numbers()];",
  "an arrow function that is called": "async () => {\n  const { median } = await math.stats({ values: [1, 2, 3] });\n  return median satisfies number;\n}",
  "type-only declarations": "interface Shape { sides: number }\ntype Sides = Shape['sides'];\ndeclare const external: Sides;\nconst shape = { sides: 3 } as Shape;\nreturn shape.sides as Sides;",
} as const;

const OUTPUT_FILE = "agent.js";

function reference(module: string, transformers?: ts.CustomTransformers) {
  const output = ts.transpileModule(module, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: true, isolatedModules: true, removeComments: true },
    fileName: MODULE_FILE,
    transformers,
  });
  return { js: output.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n"), mappings: (JSON.parse(output.sourceMapText!) as { mappings: string }).mappings };
}

describe("the lean emit", () => {
  for (const [label, code] of Object.entries(PROGRAMS)) {
    it(`writes what ts.transpileModule writes: ${label}`, () => {
      const { module } = createAgentSource(code);
      const { file, syntaxErrors } = parseModule(MODULE_FILE, module);
      expect(syntaxErrors).toEqual([]);
      expect(emit(file, OUTPUT_FILE)).toEqual(reference(module));
      const instrumented = emit(parseModule(MODULE_FILE, module).file, OUTPUT_FILE, createInstrumentation().transformers);
      expect(instrumented).toEqual(reference(module, createInstrumentation().transformers));
      expect(instrumented.js).toContain("__gw_fuel");
    });
  }

  it("emits nothing of refused code, even code that leaves its function to import", () => {
    const { module } = createAgentSource("}\nimport fs = require('fs');\nfs.readFileSync('/etc/passwd');\n{");
    const instrumentation = createInstrumentation();
    const { js } = emit(parseModule(MODULE_FILE, module).file, OUTPUT_FILE, instrumentation.transformers);
    expect(instrumentation.refusals.length).toBeGreaterThan(0);
    expect(js).not.toMatch(/require|fs/);
  });

  it("reports syntax errors from the parse, as transpileModule did", () => {
    const { module } = createAgentSource("const x: number = ;");
    const { syntaxErrors } = parseModule(MODULE_FILE, module);
    const output = ts.transpileModule(module, { compilerOptions: { target: ts.ScriptTarget.ES2022 }, fileName: MODULE_FILE, reportDiagnostics: true });
    expect(syntaxErrors.map((error) => [error.code, error.start])).toEqual(output.diagnostics!.map((error) => [error.code, error.start]));
    expect(syntaxErrors.length).toBeGreaterThan(0);
  });
});
