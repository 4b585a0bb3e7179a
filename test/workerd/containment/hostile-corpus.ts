/**
 * Hostile and runaway agent code, each case with the precise outcome the host
 * must report. Agent code is hostile by assumption: one execution may fail,
 * the host may not (issue #4). Run by containment-corpus.test.ts.
 *
 * Loop cases run on a small fuel budget so they stop in milliseconds; the
 * host's own maximum is exercised by containment-survival.test.ts.
 */

/** What the response must match: `result` exactly, `error` fields as given (a RegExp matches the message). */
export type Expected =
  | { readonly ok: true; readonly result?: unknown }
  | { readonly ok: false; readonly error: { readonly name: string; readonly message?: string | RegExp; readonly line?: number } }
  | { readonly refused: number; readonly line: number };

export interface HostileCase {
  readonly name: string;
  readonly code: string;
  readonly fuel?: number;
  readonly timeoutMs?: number;
  readonly expected: Expected;
}

export const SMALL_FUEL = 100_000;
const CPU = (line: number): Expected => ({ ok: false, error: { name: "CpuBudgetExceeded", message: /whole CPU budget of 100000 fuel units/, line } });
const STACK_OVERFLOW = (line: number): Expected => ({ ok: false, error: { name: "RangeError", message: "Maximum call stack size exceeded", line } });
const CODEGEN = { name: "EvalError", message: "Code generation from strings disallowed for this context" };

const loops: HostileCase[] = [
  { name: "while (true)", code: "while (true) {}", expected: CPU(1) },
  { name: "for (;;) with an empty statement body", code: "let n = 0;\nfor (;;) n++;", expected: CPU(2) },
  { name: "do-while", code: "do {} while (true);", expected: CPU(1) },
  { name: "for-of over an endless generator", code: "function* count() {\n  let i = 0;\n  while (true) yield i++;\n}\nfor (const n of count()) {}", expected: CPU(5) },
  { name: "for-in whose body only continues", code: "for (const k in { a: 1 }) {\n  for (;;) continue;\n}", expected: CPU(2) },
  { name: "labeled continue to an outer loop", code: "outer: while (true) {\n  while (true) continue outer;\n}", expected: CPU(1) },
  { name: "for await over an endless async generator", code: "async function* ticks() {\n  for (;;) yield 1;\n}\nfor await (const t of ticks()) {}", expected: CPU(4) },
  { name: "catching the budget error inside a loop", code: "while (true) {\n  try {\n    for (;;) {}\n  } catch {}\n}", expected: CPU(3) },
  { name: "catching the budget error and returning", code: "try {\n  for (;;) {}\n} catch (e) {\n  return 'escaped';\n}", expected: CPU(2) },
  { name: "looping again in finally reports the first stop", code: "try {\n  for (;;) {}\n} finally {\n  for (;;) {}\n}", expected: CPU(2) },
  { name: "retrying a stack overflow at every level (exponential)", code: "function f(): number {\n  try { return f(); } catch { return f(); }\n}\nreturn f();", expected: CPU(1) },
  { name: "a spinning Array.prototype.map callback", code: "return [1].map(() => {\n  while (true) {}\n});", expected: CPU(2) },
  { name: "a spinning sort comparator", code: "return [3, 2, 1].sort((a, b) => {\n  for (;;) {}\n});", expected: CPU(2) },
  { name: "Array.from with a callback over 2^32-1 elements", code: "return Array.from({ length: 2 ** 32 - 1 }, (_, i) => i).length;", expected: CPU(1) },
  { name: "an endless microtask chain", code: "function step(): Promise<void> {\n  return Promise.resolve().then(step);\n}\nawait step();", expected: CPU(1) },
  { name: "endless async recursion", code: "async function again(): Promise<void> {\n  await null;\n  return again();\n}\nawait again();", expected: CPU(1) },
  { name: "a valueOf that spins during coercion", code: "const o = { valueOf(): number { for (;;) {} } };\nreturn +o;", expected: CPU(1) },
  { name: "a constructor that spins", code: "class Spin {\n  constructor() { for (;;) {} }\n}\nnew Spin();", expected: CPU(2) },
  { name: "a class-field arrow that spins", code: "class A {\n  go = () => { for (;;) {} };\n}\nnew A().go();", expected: CPU(2) },
  { name: "a JSON.parse reviver that spins", code: "return JSON.parse('[1]', function () {\n  while (true) {}\n});", expected: CPU(2) },
  { name: "a replace callback that spins", code: "return 'aaa'.replace(/a/g, () => {\n  for (;;) {}\n});", expected: CPU(2) },
  { name: "a getter that spins while the result is serialized", code: "return { get x() { for (;;) {} } };", expected: CPU(1) },
];

/** Each doubles construction or calls down to depth 20 (2^21 evaluations) in a position no function body covers. */
const initializers: HostileCase[] = [
  { name: "an instance field that constructs twice", code: "let d = 0;\nclass B {\n  a = d < 20 ? (d++, new B(), new B(), d--) : 0;\n}\nnew B();", expected: CPU(3) },
  { name: "an auto-accessor that constructs twice", code: "let d = 0;\nclass B {\n  accessor a = d < 20 ? (d++, new B(), new B(), d--) : 0;\n}\nnew B();", expected: CPU(3) },
  { name: "a generator's parameter default that calls it twice", code: "let d = 0;\nfunction* g(a = d < 20 ? (d++, g(), g(), d--) : 0) {}\ng();", expected: CPU(2) },
  { name: "a computed key in a generator's parameter pattern", code: "let d = 0;\nfunction* g({ [d < 20 ? (d++, g({}), g({}), d--, 'k') : 'k']: v }: any) {}\ng({});", expected: CPU(2) },
  { name: "a static field of a class built in a field", code: "let d = 0;\nclass B {\n  a = class {\n    static s = d < 20 ? (d++, new B(), new B(), d--) : 0;\n  };\n}\nnew B();", expected: CPU(4) },
  { name: "a static block of a class built in a field", code: "let d = 0;\nclass B {\n  a = class {\n    static {\n      if (d < 20) { d++; new B(); new B(); d--; }\n    }\n  };\n}\nnew B();", expected: CPU(4) },
  { name: "a computed member name of a class built in a field", code: "let d = 0;\nclass B {\n  a = class {\n    [d < 20 ? (d++, new B(), new B(), d--, 'k') : 'k'] = 1;\n  };\n}\nnew B();", expected: CPU(4) },
  { name: "the extends clause of a class built in a field", code: "let d = 0;\nclass B {\n  a = class extends (d < 20 ? (d++, new B(), new B(), d--, Object) : Object) {};\n}\nnew B();", expected: CPU(3) },
];

const recursion: HostileCase[] = [
  { name: "plain deep recursion", code: "function down(n: number): number {\n  return down(n + 1) + 1;\n}\nreturn down(0);", fuel: 1_000_000, expected: STACK_OVERFLOW(1) },
  { name: "a getter that reads itself", code: "const o = { get x(): number { return o.x; } };\nreturn o.x;", fuel: 1_000_000, expected: STACK_OVERFLOW(1) },
  { name: "a Proxy trap that reads through itself", code: "const p: any = new Proxy({}, { get: (_t, k) => p[k] });\nreturn p.x;", fuel: 1_000_000, expected: STACK_OVERFLOW(1) },
];

const memory: HostileCase[] = [
  { name: "a string past V8's maximum length", code: "const s = 'x'.repeat(2 ** 29);\nreturn s.length;", expected: { ok: false, error: { name: "RangeError", message: "Invalid string length", line: 1 } } },
  { name: "an array past the maximum length", code: "return new Array(2 ** 32).length;", expected: { ok: false, error: { name: "RangeError", message: "Invalid array length", line: 1 } } },
  { name: "an ArrayBuffer of a terabyte", code: "return new ArrayBuffer(2 ** 40).byteLength;", expected: { ok: false, error: { name: "RangeError", message: /Array buffer allocation failed/, line: 1 } } },
  { name: "an array grown without end", code: "const a: number[] = [];\nfor (let i = 0; ; i++) a.push(i);", expected: CPU(2) },
  { name: "a Map grown without end", code: "const m = new Map<number, number>();\nfor (let i = 0; ; i++) m.set(i, i);", expected: CPU(2) },
];

const pollution: HostileCase[] = [
  { name: "a then on Object.prototype", code: "(Object.prototype as any).then = function () {};\nreturn 1;", expected: { ok: true, result: 1 } },
  { name: "a replaced Promise.prototype.then", code: "Promise.prototype.then = function (this: any) { return this; } as any;\nreturn 2;", expected: { ok: true, result: 2 } },
  { name: "a replaced JSON.stringify", code: "JSON.stringify = () => '\"hacked\"';\nreturn { a: 1 };", expected: { ok: true, result: { a: 1 } } },
  { name: "setters for the answer's fields on Object.prototype", code: "for (const key of ['ok', 'error', 'logs', 'fuelUsed', 'resultJson']) {\n  Object.defineProperty(Object.prototype, key, { set() { throw new Error(key); } });\n}\nreturn 3;", expected: { ok: true, result: 3 } },
  { name: "a replaced Map.prototype.set, then a rejection", code: "Map.prototype.set = function () { throw new Error('set'); };\nPromise.reject(new Error('watched'));\nreturn 4;", expected: { ok: false, error: { name: "UnhandledRejection", message: /\(Error: watched\)/, line: 2 } } },
  { name: "a throwing Array.prototype.push, which console capture no longer uses", code: "Array.prototype.push = () => { throw new Error('no push'); };\nconsole.log('x');", expected: { ok: true } },
  { name: "a replaced Array.prototype.map does not garble the result", code: "Array.prototype.map = function () { return ['garbled']; } as any;\nreturn [1, 2];", expected: { ok: true, result: [1, 2] } },
  {
    name: "a replaced String.prototype.slice does not lift the result cap",
    code: "String.prototype.slice = function (this: string) { return String(this); } as any;\nreturn 'x'.repeat(3_000_000);",
    expected: { ok: true, result: { $truncated: true, limit: 1_048_576, preview: `"${"x".repeat(1023)}` } },
  },
  { name: "a throwing Promise[Symbol.species]", code: "Object.defineProperty(Promise, Symbol.species, { get() { throw new Error('species'); } });\nreturn 5;", expected: { ok: false, error: { name: "Error", message: "species", line: 1 } } },
  { name: "a spinning then getter on Object.prototype", code: "Object.defineProperty(Object.prototype, 'then', { get() { for (;;) {} } });\nreturn { a: 1 };", expected: CPU(1) },
  { name: "a spinning global String, which the fuel counter does not use", code: "(globalThis as any).String = () => { for (;;) {} };\nwhile (true) {}", expected: CPU(2) },
  { name: "Error.prepareStackTrace", code: "(Error as any).prepareStackTrace = () => 'fake';", expected: { ok: false, error: { name: "TypeError", message: /read only property 'prepareStackTrace'/, line: 1 } } },
  { name: "Error.stackTraceLimit", code: "Error.stackTraceLimit = 0;", expected: { ok: false, error: { name: "TypeError", message: /read only property 'stackTraceLimit'/, line: 1 } } },
];

const reach: HostileCase[] = [
  { name: "the host's env, LOADER and process", code: "return ['env', 'LOADER', 'Env', 'process', 'require'].filter((name) => name in globalThis);", expected: { ok: true, result: [] } },
  { name: "`this` at the top level", code: "return typeof this;", expected: { ok: true, result: "undefined" } },
  { name: "`arguments` at the top level", code: "return arguments.length;", expected: { ok: true, result: 0 } },
  { name: "redefining console", code: "Object.defineProperty(globalThis, 'console', { value: {} });", expected: { ok: false, error: { name: "TypeError", message: "Cannot redefine property: console", line: 1 } } },
  { name: "deleting an API namespace", code: "delete (globalThis as any).math;", expected: { ok: false, error: { name: "TypeError", message: /Cannot delete property 'math'/, line: 1 } } },
  { name: "redefining an API namespace", code: "Object.defineProperty(globalThis, 'math', { value: { add: () => 0 } });", expected: { ok: false, error: { name: "TypeError", message: "Cannot redefine property: math", line: 1 } } },
  { name: "adding a method to an API namespace", code: "Object.defineProperty(math, 'add', { value: () => 0 });", expected: { ok: false, error: { name: "TypeError", message: /defineProperty/, line: 1 } } },
];

/** The first 1024 characters of the JSON of `x = [x, x]` built 24 times from 1: 24 brackets, then the start of the 10-times graph. */
function sharedGraphPreview(): string {
  let x: unknown = 1;
  for (let i = 0; i < 10; i++) x = [x, x];
  return "[".repeat(14) + JSON.stringify(x).slice(0, 1024 - 14);
}

const thrown: HostileCase[] = [
  { name: "a number", code: "throw 42;", expected: { ok: false, error: { name: "Error", message: "Uncaught non-Error value: 42" } } },
  { name: "null", code: "throw null;", expected: { ok: false, error: { name: "Error", message: "Uncaught non-Error value: null" } } },
  { name: "undefined", code: "throw undefined;", expected: { ok: false, error: { name: "Error", message: "Uncaught non-Error value: undefined" } } },
  { name: "a symbol", code: "throw Symbol('s');", expected: { ok: false, error: { name: "Error", message: "Uncaught non-Error value: Symbol(s)" } } },
  { name: "an object whose getter throws", code: "throw { get message(): string { throw new Error('gotcha'); } };", expected: { ok: false, error: { name: "Error", message: "Uncaught value that could not be described: reading it threw." } } },
  { name: "an Error whose name getter throws", code: "class Sly extends Error {\n  override get name(): string { throw 1; }\n}\nthrow new Sly('m');", expected: { ok: false, error: { name: "Error", message: "Uncaught value that could not be described: reading it threw." } } },
  { name: "a Proxy whose prototype trap spins", code: "throw new Proxy({}, { getPrototypeOf() { for (;;) {} } });", expected: CPU(1) },
  { name: "a string of ten million characters, cut to the message cap", code: "throw 'S'.repeat(1e7);", expected: { ok: false, error: { name: "Error", message: `Uncaught non-Error value: ${"S".repeat(4096 - 26)}` } } },
  { name: "an Error named like the fuel stop", code: "throw Object.assign(new Error('fake'), { name: 'CpuBudgetExceeded' });", expected: { ok: false, error: { name: "Error", message: "The code threw an error named CpuBudgetExceeded, a name reserved for the sandbox's own reports: fake", line: 1 } } },
  { name: "an Error class named like the deadline", code: "class Timeout extends Error {\n  override name = 'Timeout';\n}\nthrow new Timeout('t');", expected: { ok: false, error: { name: "Error", message: /named Timeout, a name reserved .*: t$/, line: 4 } } },
  {
    name: "rethrowing the caught fuel stop with a rewritten stack keeps the stop's line",
    code: "try {\n  for (;;) {}\n} catch (e: any) {\n  e.stack = 'CpuBudgetExceeded: x\\n    at agent.js:1:1';\n  throw e;\n}",
    expected: CPU(2),
  },
];

const results: HostileCase[] = [
  { name: "a cyclic object", code: "const o: any = { name: 'loop' };\no.self = o;\nreturn o;", expected: { ok: true, result: { name: "loop", self: "[Circular]" } } },
  { name: "a function", code: "return () => 1;", expected: { ok: true } },
  {
    name: "a result of five million characters",
    code: "return 'x'.repeat(5_000_000);",
    expected: { ok: true, result: { $truncated: true, limit: 1_048_576, preview: `"${"x".repeat(1023)}` } },
  },
  {
    name: "a shared graph of 2^24 paths (24 fuel to build), encoded only up to the cap",
    code: "let x: any = 1;\nfor (let i = 0; i < 24; i++) x = [x, x];\nreturn x;",
    expected: { ok: true, result: { $truncated: true, limit: 1_048_576, preview: sharedGraphPreview() } },
  },
  {
    name: "a Map and a Set sharing one large array, encoded only up to the cap",
    code: "const big = new Array(300_000).fill(1);\nreturn [new Map([['a', big], ['b', big]]), new Set([big]), big, big];",
    expected: { ok: true, result: { $truncated: true, limit: 1_048_576, preview: `[{"a":[${"1,".repeat(508)}1` } },
  },
  { name: "a BigInt", code: "return 2n ** 70n;", expected: { ok: true, result: "1180591620717411303424" } },
  {
    name: "a shared graph as an API argument, refused before it is expanded or sent",
    code: "let x: any = 1;\nfor (let i = 0; i < 24; i++) x = [x, x];\nreturn await math.stats({ values: x });",
    expected: { ok: false, error: { name: "RangeError", message: "The input of math.stats is more than 262144 characters of JSON, the limit. Send less per call.", line: 3 } },
  },
  { name: "a Proxy whose ownKeys throws", code: "return new Proxy({}, { ownKeys() { throw new Error('keys'); } });", expected: { ok: false, error: { name: "Error", message: "keys", line: 1 } } },
  { name: "a toJSON that would rewrite the result", code: "return { a: 1, toJSON() { return 'hacked'; } };", expected: { ok: true, result: { a: 1 } } },
];

const codegen: HostileCase[] = [
  { name: "indirect eval", code: "return (0, eval)('1 + 1');", expected: { ok: false, error: { ...CODEGEN, line: 1 } } },
  { name: "new Function", code: "return new Function('return 1')();", expected: { ok: false, error: { ...CODEGEN, line: 1 } } },
  { name: "the AsyncFunction constructor", code: "const AsyncFunction = (async () => {}).constructor as any;\nreturn new AsyncFunction('return 1')();", expected: { ok: false, error: { ...CODEGEN, line: 2 } } },
  { name: "the GeneratorFunction constructor", code: "const Gen = function* () {}.constructor as any;\nreturn [...new Gen('yield 1')()];", expected: { ok: false, error: { ...CODEGEN, line: 2 } } },
  { name: "setTimeout with a string", code: "setTimeout('while (true) {}' as any, 0);", expected: { ok: false, error: { name: "TypeError", message: /parameter 1 is not of type 'function'/, line: 1 } } },
  {
    name: "WebAssembly compiled from bytes (its CompileError is not the host's)",
    code: "new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));",
    expected: { ok: false, error: { name: "Error", message: /^The code threw an error named CompileError, a name reserved for the sandbox's own reports: .*Wasm code generation disallowed by embedder/, line: 1 } },
  },
  { name: "import() of the runtime module", code: "const runtime = await import('./runtime.js');\nreturn Object.keys(runtime);", expected: { refused: 90002, line: 1 } },
  { name: "import() of the agent's own module, to call it without fuel", code: "const self: any = await import('./agent.js');\nreturn self.default(() => {})();", expected: { refused: 90002, line: 1 } },
  { name: "import.meta", code: "return import.meta.url;", expected: { refused: 90002, line: 1 } },
];

const counter: HostileCase[] = [
  { name: "reading the fuel binding", code: "return typeof __gw_fuel;", expected: { refused: 90001, line: 1 } },
  { name: "shadowing the fuel binding with a no-op", code: "const __gw_fuel = () => {};\nwhile (true) {}", expected: { refused: 90001, line: 1 } },
  { name: "shadowing it through a unicode escape", code: "const \\u005f_gw_fuel = () => {};\nwhile (true) {}", expected: { refused: 90001, line: 1 } },
  { name: "a parameter named like the binding", code: "function f(__gw_fuel: () => void) {\n  for (;;) {}\n}\nf(() => {});", expected: { refused: 90001, line: 1 } },
  { name: "a global property named like the binding", code: "Object.defineProperty(globalThis, '__gw_' + 'fuel', { value: () => {} });\nwhile (true) {}", expected: CPU(2) },
  { name: "replacing Function.prototype.call, apply and Reflect.apply", code: "Function.prototype.call = Function.prototype.apply = Reflect.apply = (() => {}) as any;\nwhile (true) {}", expected: CPU(2) },
  { name: "leaving the wrapper function with an unbalanced brace", code: "}\nwhile (true) {}\nexport function again() {", expected: { refused: 90003, line: 2 } },
  // Reading the runtime's own code is allowed; it must carry no binding or secret, and the console must stay the runtime's.
  {
    name: "reading the runtime's console source, then replacing console.log",
    code: "const log = console.log;\nconst source = String(log);\ntry { (console as any).log = () => {}; } catch {}\nreturn [typeof source, /__gw_|secret|token|env\\./i.test(source), Object.isFrozen(console), console.log === log];",
    expected: { ok: true, result: ["string", false, true, true] },
  },
];

const async: HostileCase[] = [
  { name: "an unhandled rejection", code: "Promise.reject(new Error('boom'));\nreturn 1;", expected: { ok: false, error: { name: "UnhandledRejection", message: "A promise was rejected and nothing handled it (Error: boom). Await the promise, or attach .catch() to it.", line: 1 } } },
  { name: "an async function called without await that throws", code: "async function fail() {\n  throw new TypeError('inner');\n}\nfail();\nreturn 1;", expected: { ok: false, error: { name: "UnhandledRejection", message: /\(TypeError: inner\)/, line: 2 } } },
  { name: "a rejection handled later", code: "const p = Promise.reject(new Error('late'));\nawait new Promise((r) => setTimeout(r, 5));\nreturn await p.catch(() => 'handled');", expected: { ok: true, result: "handled" } },
  { name: "a promise that never settles", code: "await new Promise(() => {});", expected: { ok: false, error: { name: "NeverSettled", message: /can never settle/ } } },
  { name: "a sleep past the deadline", code: "await new Promise((r) => setTimeout(r, 10 ** 7));", timeoutMs: 300, expected: { ok: false, error: { name: "Timeout", message: /did not finish within 300 ms/ } } },
  { name: "setInterval while awaiting forever", code: "setInterval(() => console.log('tick'), 1);\nawait new Promise(() => {});", timeoutMs: 300, expected: { ok: false, error: { name: "Timeout", message: /did not finish within 300 ms/ } } },
  { name: "a setTimeout chain that never ends", code: "function tick() {\n  setTimeout(tick, 0);\n}\ntick();\nawait new Promise(() => {});", timeoutMs: 300, expected: { ok: false, error: { name: "Timeout" } } },
  { name: "setInterval left running after returning", code: "setInterval(() => {}, 1);\nreturn 'returned';", expected: { ok: true, result: "returned" } },
  { name: "a setTimeout callback that throws", code: "setTimeout(() => {\n  throw new Error('x');\n}, 1);\nawait new Promise((r) => setTimeout(r, 100));\nreturn 1;", expected: { ok: false, error: { name: "UncaughtException", message: /\(Error: x\)/, line: 2 } } },
  { name: "a setInterval callback that throws", code: "const t = setInterval(() => {\n  throw new RangeError('i');\n}, 1);\nawait new Promise((r) => setTimeout(r, 100));\nclearInterval(t);\nreturn 1;", expected: { ok: false, error: { name: "UncaughtException", message: /\(RangeError: i\)/, line: 2 } } },
  { name: "a queueMicrotask callback that throws", code: "queueMicrotask(() => {\n  throw new TypeError('m');\n});\nawait new Promise((r) => setTimeout(r, 50));\nreturn 1;", expected: { ok: false, error: { name: "UncaughtException", message: /\(TypeError: m\)/, line: 2 } } },
  { name: "an abort listener that throws when AbortSignal.timeout fires", code: "AbortSignal.timeout(1).addEventListener('abort', () => {\n  throw new Error('a');\n});\nawait new Promise((r) => setTimeout(r, 100));\nreturn 1;", expected: { ok: false, error: { name: "UncaughtException", message: /\(Error: a\)/, line: 2 } } },
  { name: "a throwing callback ends an execution that awaits forever", code: "setTimeout(() => {\n  throw new Error('x');\n}, 1);\nawait new Promise(() => {});", expected: { ok: false, error: { name: "UncaughtException", line: 2 } } },
  { name: "a listener throwing inside the code's own dispatchEvent reaches its caller", code: "const t = new EventTarget();\nt.addEventListener('e', () => { throw new Error('l'); });\ntry {\n  t.dispatchEvent(new Event('e'));\n} catch {\n  return 'caught';\n}\nreturn 'missed';", expected: { ok: true, result: "caught" } },
];

export const HOSTILE_CORPUS: readonly { readonly group: string; readonly cases: readonly HostileCase[] }[] = [
  { group: "loops of every kind", cases: loops },
  { group: "fuel in class and generator initializers", cases: initializers },
  { group: "recursion", cases: recursion },
  { group: "memory", cases: memory },
  { group: "prototype pollution of globals the runtime uses", cases: pollution },
  { group: "reaching for the host or the runtime's capabilities", cases: reach },
  { group: "throwing non-Error values", cases: thrown },
  { group: "returning hostile values", cases: results },
  { group: "generating code", cases: codegen },
  { group: "the fuel counter", cases: counter },
  { group: "async: rejections, promises that never settle, timers", cases: async },
];
