import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { declareApis } from "../../../host/apis/declarations.js";
import { createAgentSource } from "../../../host/execution/agent-source.js";
import { RECENT_CHECKS, RECENT_DECLARATION_SETS, TypeChecker, type CheckResult } from "../../../host/execution/check/typecheck.js";
import { MAX_WARM_CHECKER_UNITS } from "../../../host/execution/check/warm-checker.js";
import { demoHost } from "../helpers.js";

const DECLARATIONS = declareApis(demoHost(env).catalog.builtIn.list().map((api) => api.contract));

/** Library types a fresh checker resolves once: Array's callbacks, Promise.all's overloads, Object.groupBy. */
const LIBRARY_HEAVY = `const values = await Promise.all([1, 2, 3].map((n) => math.add({ a: n, b: 1 })));
const groups = Object.groupBy(values, (v) => (v > 2 ? "big" : "small"));
return Object.entries(groups).map(([k, v]) => \`\${k}: \${v?.length ?? 0}\`).join(", ");`;

function check(checker: TypeChecker, code: string, declarations = DECLARATIONS): Extract<CheckResult, { ok: true }> {
  const checked = checker.check(createAgentSource(code), declarations);
  if (!checked.ok) throw new Error(checked.budgetExceeded);
  return checked;
}

const codes = (checked: Extract<CheckResult, { ok: true }>) => checked.diagnostics.map((d) => `${d.line}:${d.code}`);

/** What the host/execution/check/warm-checker.ts keeps from one check to the next, and what it must not. */
describe("the warm checker", () => {
  it("resolves the library's types once: the same code costs a later check far less", () => {
    const checker = new TypeChecker();
    const first = check(checker, LIBRARY_HEAVY);
    const again = check(checker, `${LIBRARY_HEAVY}\n// again`);
    expect(first.diagnostics).toEqual([]);
    expect(again.diagnostics).toEqual([]);
    expect(again.units).toBeLessThan(first.units / 2);
  });

  it("keeps nothing one program declares for the next", () => {
    const checker = new TypeChecker();
    expect(codes(check(checker, "interface Row { id: string }\nconst helper = (r: Row) => r.id;\nreturn helper({ id: 'a' });"))).toEqual([]);
    const next = check(checker, "const r: Row = { id: 'b' };\nreturn helper(r);");
    expect(codes(next)).toEqual(["1:2304", "2:2304"]);
  });

  it("reports what a fresh checker reports, in the same order, after other programs", () => {
    const code = 'delete Math.PI;\nconst n: number = "x";\nwith ({}) {}\nreturn n;';
    const fresh = check(new TypeChecker(), code);
    const warm = new TypeChecker();
    check(warm, LIBRARY_HEAVY);
    check(warm, "const n: string = 1;\nreturn n;");
    expect(check(warm, code).diagnostics).toEqual(fresh.diagnostics);
    expect(codes(fresh)).toEqual(["1:2704", "2:2322", "3:1101", "3:1300", "3:2410"]);
  });

  it("applies @ts-ignore and @ts-expect-error as TypeScript does", () => {
    const checker = new TypeChecker();
    expect(codes(check(checker, '// @ts-ignore\nconst n: number = "x";\nreturn n;'))).toEqual([]);
    expect(codes(check(checker, '// @ts-expect-error\nconst n: number = "x";\nreturn n;'))).toEqual([]);
    expect(codes(check(checker, "// @ts-expect-error\nconst n: number = 1;\nreturn n;"))).toEqual(["1:2578"]);
  });

  it("follows a change of declarations, and back", () => {
    const checker = new TypeChecker();
    const call = "return await math.add({ a: 1, b: 2 });";
    expect(codes(check(checker, call))).toEqual([]);
    expect(codes(check(checker, call, ""))).toEqual(["1:2552"]); // Cannot find name 'math'. Did you mean 'Math'?
    expect(codes(check(checker, call))).toEqual([]);
  });

  it("is replaced once its checks have spent MAX_WARM_CHECKER_UNITS, and checks on correctly", () => {
    const checker = new TypeChecker();
    let spent = 0;
    for (let run = 0; spent <= MAX_WARM_CHECKER_UNITS; run++) spent += check(checker, `${LIBRARY_HEAVY}\n// ${run}`).units;
    const fresh = check(checker, `${LIBRARY_HEAVY}\n// fresh`);
    const warm = check(checker, `${LIBRARY_HEAVY}\n// warm`);
    expect(fresh.units).toBeGreaterThan(warm.units * 2);
    expect(codes(check(checker, 'const n: number = "x";\nreturn n;'))).toEqual(["1:2322"]);
  });
});

describe("recent checks", () => {
  it("answer the same code against the same declarations from memory, without checking it again", () => {
    const checker = new TypeChecker();
    const first = check(checker, LIBRARY_HEAVY);
    // Checked again on the warm checker, it would cost less than half (the test above): the same units mean no second check.
    const again = check(checker, LIBRARY_HEAVY);
    expect(again).toEqual(first);
    const wrong = 'const n: number = "x";\nreturn n;';
    expect(check(checker, wrong).diagnostics).toEqual(check(checker, wrong).diagnostics);
  });

  it("are answered at the code's own lines: the same module sent in a markdown fence reports other lines", () => {
    const checker = new TypeChecker();
    const body = 'const n: number = "x";\nreturn n;';
    expect(check(checker, body).diagnostics[0]).toMatchObject({ line: 1, code: 2322 });
    expect(check(checker, `\`\`\`ts\n${body}\n\`\`\``).diagnostics[0]).toMatchObject({ line: 2, code: 2322 });
  });

  it("are kept per set of declarations: the same code against other declarations is checked against them", () => {
    const checker = new TypeChecker();
    const call = "return await math.add({ a: 1, b: 2 });";
    expect(codes(check(checker, call))).toEqual([]);
    expect(codes(check(checker, call, "declare const other: number;"))).toEqual(["1:2552"]);
    expect(codes(check(checker, call))).toEqual([]);
  });

  it("survive callers taking turns with other declarations, for RECENT_DECLARATION_SETS sets", () => {
    const checker = new TypeChecker();
    const first = check(checker, LIBRARY_HEAVY);
    const others = Array.from({ length: RECENT_DECLARATION_SETS - 1 }, (_, n) => `declare const other${n}: number;`);
    for (const declarations of others) check(checker, LIBRARY_HEAVY, declarations);
    // Back on the first set, whose checker this warms up again: checked again, LIBRARY_HEAVY would spend less than half; from memory, the same units.
    check(checker, `${LIBRARY_HEAVY}\n// warm-up 1`);
    expect(check(checker, LIBRARY_HEAVY)).toEqual(first);
    for (const declarations of [...others, "declare const newest: number;"]) check(checker, LIBRARY_HEAVY, declarations);
    // Pushed out by RECENT_DECLARATION_SETS newer sets: checked again.
    check(checker, `${LIBRARY_HEAVY}\n// warm-up 2`);
    const again = check(checker, LIBRARY_HEAVY);
    expect(again.units).toBeLessThan(first.units / 2);
    expect(again.diagnostics).toEqual(first.diagnostics);
  });

  it("keep at most RECENT_CHECKS programs, and forget the oldest first", () => {
    const checker = new TypeChecker();
    const first = check(checker, LIBRARY_HEAVY);
    for (let n = 1; n < RECENT_CHECKS; n++) check(checker, `return ${n};`);
    expect(check(checker, LIBRARY_HEAVY).units).toBe(first.units);
    for (let n = 1; n < RECENT_CHECKS; n++) check(checker, `return ${n} + 1;`);
    check(checker, "return 0;");
    // Pushed out by RECENT_CHECKS newer programs: checked again, on a warm checker.
    expect(check(checker, LIBRARY_HEAVY).units).toBeLessThan(first.units / 2);
  });
});
