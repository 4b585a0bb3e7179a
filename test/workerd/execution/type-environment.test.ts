import ts from "typescript";
import { describe, expect, it } from "vitest";
import { createAgentSource } from "../../../host/execution/agent-source.js";
import { TypeChecker } from "../../../host/execution/check/typecheck.js";
import { GLOBALS_FILE, sandboxProgram } from "../sandbox-program.js";
import { execute } from "../helpers.js";

/**
 * The type environment agent code is checked against is the runtime it runs
 * in: every global and built-in member the sandbox has type-checks, and
 * nothing that type-checks is missing from it. Both sides are enumerated
 * (the runtime in a fresh sandbox with no API granted, the types from the
 * generated library files), so a new runtime or a new library that breaks
 * the match fails here, naming the member.
 */

/** The built-ins compared member by member, besides the global scope itself. */
const BUILT_INS = [
  "Object", "Function.prototype", "Array", "Array.prototype", "String", "String.prototype", "Number", "Number.prototype", "BigInt",
  "Boolean.prototype", "Symbol", "Math", "JSON", "Reflect", "Promise", "Promise.prototype", "Map", "Map.prototype", "Set", "Set.prototype",
  "WeakMap.prototype", "WeakSet.prototype", "Iterator", "Iterator.prototype", "Error", "Error.prototype", "RegExp", "RegExp.prototype", "Date", "Date.prototype",
  "ArrayBuffer", "ArrayBuffer.prototype", "Uint8Array", "Uint8Array.prototype", "DataView.prototype", "Atomics", "Intl", "DisposableStack.prototype",
];

/** Members the runtime has that the types leave out on purpose. */
const UNTYPED_ON_PURPOSE: Readonly<Record<string, string>> = {
  "Error.captureStackTrace": "V8-specific, not ECMAScript",
  "Error.prepareStackTrace": "V8-specific; the sandbox runtime fixes it, and assigning to it throws",
  "Error.stackTraceLimit": "V8-specific; the sandbox runtime fixes it, and assigning to it throws",
  "Intl.v8BreakIterator": "V8-specific, not ECMAScript",
  "Iterator.concat": "a proposal, not yet in ECMAScript; its types are not settled",
  "Iterator.zip": "a proposal, not yet in ECMAScript; its types are not settled",
  "Iterator.zipKeyed": "a proposal, not yet in ECMAScript; its types are not settled",
  "Iterator.prototype.includes": "a proposal, not yet in ECMAScript; its types are not settled",
  "Iterator.prototype.join": "a proposal, not yet in ECMAScript; its types are not settled",
  "Date.prototype.getYear": "Annex B legacy, superseded by getFullYear",
  "Date.prototype.setYear": "Annex B legacy, superseded by setFullYear",
  "Date.prototype.toGMTString": "Annex B legacy, superseded by toUTCString",
  ServiceWorkerGlobalScope: "the global scope's class; the Workers types declare it as an interface, and code has no use for the constructor",
  TraceEvent: "an event class of tail Workers; the sandbox never receives one",
};

/** Members the types have that the runtime does not, where TypeScript models the language that way. */
const TYPED_ON_PURPOSE: Readonly<Record<string, string>> = {
  "Iterator.prototype.next": "TypeScript's Iterator interface is the iterator protocol; the real Iterator.prototype inherits next from each iterator",
  "Iterator.prototype.return": "the iterator protocol, as above",
  "Iterator.prototype.throw": "the iterator protocol, as above",
  onmessage: "declared as `never` by the Workers types, so no code can use it",
  "Function.prototype.prototype": "TypeScript declares `prototype` on every function; Function.prototype itself has none",
  "Error.prototype.stack": "an own property of each error, not of the prototype",
  "Error.prototype.cause": "an own property of an error made with a cause",
  "RegExp.prototype.lastIndex": "an own property of each regular expression",
  "Uint8Array.prototype.valueOf": "inherited from Object.prototype, where the comparison stops",
};

/** Names every object has (TypeScript gives them through Object), strict-mode poison pills, and names TypeScript treats as syntax. */
const IGNORED = new Set(["constructor", "toString", "caller", "arguments", "__proto__", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__", "undefined", "globalThis"]);

/** Every name on `target` and its prototype chain, in a fresh sandbox (run with check: false, so the types cannot interfere). */
async function runtimeSide(): Promise<Record<string, string[]>> {
  const code = `
    const chain = (value) => { const names = new Set(); for (let o = value; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) for (const n of Object.getOwnPropertyNames(o)) names.add(n); return [...names]; };
    const out = { globalThis: chain(globalThis) };
    for (const target of ${JSON.stringify(BUILT_INS)}) out[target] = chain(target.split(".").reduce((o, k) => o[k], globalThis));
    return out;`;
  const answer = await execute({ code, check: false, apis: [] });
  expect(answer.ok, JSON.stringify(answer.error)).toBe(true);
  return answer.result as Record<string, string[]>;
}

/** The names the type environment gives the global scope and each built-in. */
function typeSide(): Record<string, string[]> {
  const probe = BUILT_INS.map((target, i) => `const __probe${i} = ${target};`).join("\n");
  const program = sandboxProgram({ "/probe.ts": probe }, { globals: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile("/probe.ts")!;
  // Global values, less ambient modules ("cloudflare:workers": import is refused anyway) and
  // the abstract classes of the Workers types: those of bindings (D1Database, Ai, …), of which
  // the sandbox is handed no instance, and those sandbox/build.mjs makes abstract because the
  // sandbox lacks them. `new` of an abstract class does not type-check.
  const isWorkersClass = (symbol: ts.Symbol) =>
    symbol.declarations?.every(
      (d) =>
        d.getSourceFile().fileName === GLOBALS_FILE &&
        ((ts.isClassDeclaration(d) && ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Abstract) || ts.isInterfaceDeclaration(d) || ts.isModuleDeclaration(d)),
    ) === true;
  const globals = checker
    .getSymbolsInScope(source, ts.SymbolFlags.Value)
    .filter((symbol) => symbol.declarations?.some((d) => d.getSourceFile().fileName !== "/probe.ts"))
    .filter((symbol) => !symbol.name.startsWith('"'))
    .map((symbol) => (isWorkersClass(symbol) ? `class:${symbol.name}` : symbol.name));
  const out: Record<string, string[]> = { globalThis: globals };
  source.statements.forEach((statement, i) => {
    const declaration = (statement as ts.VariableStatement).declarationList.declarations[0];
    out[BUILT_INS[i]] = checker.getTypeAtLocation(declaration.name).getApparentProperties().map((p) => p.name).filter((name) => !name.startsWith("__@"));
  });
  return out;
}

const qualified = (target: string, name: string) => (target === "globalThis" ? name : `${target}.${name}`);

describe("the type environment is the runtime", () => {
  it("types every global and built-in member the sandbox has, and nothing it lacks", async () => {
    const runtime = await runtimeSide();
    const types = typeSide();
    const untyped: string[] = [];
    const missing: string[] = [];
    for (const target of ["globalThis", ...BUILT_INS]) {
      const typed = new Set(types[target].flatMap((name) => (name.startsWith("class:") ? [name, name.slice("class:".length)] : [name])));
      const present = new Set(runtime[target]);
      for (const name of present) if (!typed.has(name) && !IGNORED.has(name) && !(qualified(target, name) in UNTYPED_ON_PURPOSE)) untyped.push(qualified(target, name));
      for (const name of types[target]) {
        if (name.startsWith("class:")) continue;
        if (!present.has(name) && !IGNORED.has(name) && !(qualified(target, name) in TYPED_ON_PURPOSE)) missing.push(qualified(target, name));
      }
    }
    expect({ untyped, missing }).toEqual({ untyped: [], missing: [] });
  });

  it("checks code that uses what ES2025 and the sandbox's V8 add, with the host's own checker", () => {
    const code = [
      "const all = await Array.fromAsync([Promise.resolve(1), 2]);",
      "const counts = new Map<string, number>(); counts.set('a', counts.getOrInsert('a', 0) + 1);",
      "const bytes = Uint8Array.fromBase64('aGk='); const hex = bytes.toHex();",
      "const grouped = Object.groupBy([1, 2, 3], (n) => (n % 2 ? 'odd' : 'even'));",
      "const firstTwo = [1, 2, 3].values().map((n) => n * 2).take(2).toArray();",
      "const union = new Set([1]).union(new Set([2]));",
      "const exact = Math.sumPrecise([0.1, 0.2]);",
      "const raw = JSON.stringify({ n: JSON.rawJSON('1e1000') });",
      "const isError = Error.isError(new TypeError('x'));",
      "using stack = new DisposableStack();",
      "return { all, counts: [...counts], hex, grouped, firstTwo, union: [...union], exact, raw, isError, disposed: stack.disposed };",
    ].join("\n");
    const checked = new TypeChecker().check(createAgentSource(code), "");
    expect(checked).toMatchObject({ ok: true, diagnostics: [] });
  });

  it("runs that same code: nothing the checker accepts is missing at run time", async () => {
    const code = [
      "const all = await Array.fromAsync([Promise.resolve(1), 2]);",
      "const bytes = Uint8Array.fromBase64('aGk=');",
      "return { all, hex: bytes.toHex(), exact: Math.sumPrecise([0.1, 0.2]), raw: JSON.stringify({ n: JSON.rawJSON('1') }), isError: Error.isError(new TypeError('x')), firstTwo: [1, 2, 3].values().map((n) => n * 2).take(2).toArray() };",
    ].join("\n");
    const answer = await execute({ code, apis: [] });
    expect(answer).toMatchObject({ ok: true, result: { all: [1, 2], hex: "6869", exact: 0.30000000000000004, raw: '{"n":1}', isError: true, firstTwo: [2, 4] } });
  });
});
