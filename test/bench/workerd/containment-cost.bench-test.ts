import { env } from "cloudflare:workers";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import type { SandboxManifest } from "../../../api-types/sandbox-protocol.js";
import { parseCode } from "../../../host/execution/parsed-code.js";
import { ExecutionBridge } from "../../../host/execution/bridge.js";
import { createInstrumentation } from "../../../host/execution/instrument.js";
import type { IsolateRun } from "../../../host/isolates/contracts.js";
import { runInIsolate } from "../../../host/isolates/isolate.js";
import { transpile, type CompiledAgent } from "../../../host/execution/transpile.js";

/**
 * What fuel instrumentation costs on compute-heavy code: each snippet,
 * instrumented and not, in fresh isolates side by side, alternating, in one
 * run. Prints the ratios; asserts only that both variants compute the same.
 * Print them with: npm run bench:workerd -- containment-cost
 */
const MIXED = `
function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
const sieve = new Uint8Array(3_000_000);
let primes = 0;
for (let i = 2; i < sieve.length; i++) {
  if (sieve[i]) continue;
  primes++;
  for (let j = i * 2; j < sieve.length; j += i) sieve[j] = 1;
}
const values = Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 300_007);
values.sort((a, b) => a - b);
const words = new Map<string, number>();
for (const value of values) {
  const key = String(value % 997);
  words.set(key, (words.get(key) ?? 0) + 1);
}
return { fib: fib(27), primes, median: values[150_000], keys: words.size };
`;
/** The worst case: a loop whose body is one addition, so the fuel check is most of the work. */
const TIGHT_LOOP = "let total = 0;\nfor (let i = 0; i < 50_000_000; i++) total += i;\nreturn total;";
const SNIPPETS = { "mixed compute (recursion, sieve, sort with a comparator, Map)": MIXED, "tight loop (worst case)": TIGHT_LOOP };
const ROUNDS = 3;
const FUEL = 100_000_000;

/**
 * The module shape the runtime expects (a factory returning the agent's
 * function), without any fuel check: the uninstrumented baseline.
 */
const factoryOnly = (context: ts.TransformationContext) => (file: ts.SourceFile) => {
  const { factory } = context;
  const wrapper = file.statements[0] as ts.FunctionDeclaration;
  const agent = factory.createFunctionExpression(wrapper.modifiers?.filter((m) => m.kind === ts.SyntaxKind.AsyncKeyword), undefined, undefined, undefined, [], undefined, wrapper.body!);
  const exported = factory.createFunctionDeclaration(
    [factory.createModifier(ts.SyntaxKind.ExportKeyword), factory.createModifier(ts.SyntaxKind.DefaultKeyword)],
    undefined, undefined, undefined, [], undefined, factory.createBlock([factory.createReturnStatement(agent)]),
  );
  return factory.updateSourceFile(file, [exported]);
};

function compile(code: string, transformers: ts.CustomTransformers): CompiledAgent {
  const transpiled = transpile(parseCode(code), transformers);
  if (!transpiled.ok) throw new Error(`The snippet does not compile: ${transpiled.diagnostics[0].message}`);
  return transpiled.compiled;
}

async function timed(compiled: CompiledAgent): Promise<{ ms: number; run: IsolateRun }> {
  const manifest: SandboxManifest = {
    apis: {},
    limits: { maxLogEntries: 10, maxLogMessageChars: 100, maxLogTotalChars: 1000, maxResultChars: 10_000, maxCallInputChars: 10_000 },
    fuel: FUEL,
  };
  const bridge = new ExecutionBridge([], { maxApiCalls: 0, maxCallInputChars: 0, maxLogEntries: 0, maxLogMessageChars: 0 });
  const started = Date.now();
  const run = await runInIsolate(env.LOADER, { agentJs: compiled.js, bridge, manifest, limits: { timeoutMs: 60_000, cpuMs: 60_000, subRequests: 1 } });
  return { ms: Date.now() - started, run };
}

describe("the cost of fuel instrumentation", () => {
  for (const [label, code] of Object.entries(SNIPPETS)) {
    it(`is measured side by side: ${label}`, { timeout: 120_000 }, async () => {
      const instrumented = compile(code, createInstrumentation().transformers);
      const plain = compile(code, { before: [factoryOnly] });
      const times = { instrumented: [] as number[], plain: [] as number[] };
      const outcomes: unknown[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, compiled] of [["plain", plain], ["instrumented", instrumented]] as const) {
          const { ms, run } = await timed(compiled);
          times[name].push(ms);
          outcomes.push(run.kind === "settled" ? (run.outcome as { resultJson?: string }).resultJson : run);
        }
      }
      expect(new Set(outcomes.map((o) => JSON.stringify(o))).size).toBe(1);
      const best = { plain: Math.min(...times.plain), instrumented: Math.min(...times.instrumented) };
      console.log(
        `fuel instrumentation cost, ${label} (best of ${ROUNDS}, load included): plain ${best.plain} ms, instrumented ${best.instrumented} ms, ` +
          `ratio ${(best.instrumented / best.plain).toFixed(2)}; every run: ${JSON.stringify(times)}`,
      );
    });
  }
});
