// The pure parts of `npm run bench:soak`, without wrangler: the mix and the
// answers it accepts, the RSS walk over a fake /proc, the growth ratio and
// its verdict, and the counted loop against a local HTTP server. Asserts
// counts and verdicts, never timings.
// Run: npm exec -- node --test test/bench/soak-harness.test.mjs
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import { countedLoop } from "./closed-loop.mjs";
import { CLOCK_TICKS_PER_SECOND, cpuMsBetween, descendants, MAX_TREE_PROCESSES, workerdCpuTicks, workerdResidentKb } from "./process-tree-rss.mjs";
import { SOAK_KINDS, soakExecution, verifyBare } from "./soak-mix.mjs";
import { formatSoak, growthPerRunKb, judgeGrowth, percentile, summarizeSoak } from "./soak-report.mjs";

const ok200 = (body) => [200, JSON.stringify(body)];
const stats = (apiCalls, fuelUsed) => ({ wallMs: 1, apiCalls, unawaitedCalls: 0, fuelUsed, logsDropped: 0, egress: [], truncated: { result: false, logs: false } });

/** The answer the host gives to execution `index` when it works, per kind. */
function rightAnswer(index) {
  switch (soakExecution(index).kind) {
    case "success":
      return ok200({ ok: true, result: index + 1, logs: [], stats: stats(1, 3) });
    case "typeError":
      return ok200({ ok: false, logs: [], error: { name: "CompileError", message: "1 type error", line: 1, column: 7 }, diagnostics: [{ line: 1, column: 7, code: 2322, message: "x", frame: "" }], stats: stats(0, 0) });
    case "runtimeError":
      return ok200({ ok: false, logs: [], error: { name: "RangeError", message: `soak ${index}`, line: 2, column: 30 }, stats: stats(0, 2) });
    case "logs":
      return ok200({ ok: true, result: index, logs: [{ level: "log", message: `soak ${index}` }, { level: "warn", message: `twice ${index}` }], stats: stats(0, 2) });
    case "compute": {
      const iterations = Number(/k < (\d+)/.exec(soakExecution(index).body.code)[1]);
      return ok200({ ok: true, result: (iterations * (iterations - 1)) / 2, logs: [], stats: stats(0, iterations + 1) });
    }
  }
}

test("the mix sends every kind in rotation, each execution with code of its own", () => {
  const sent = Array.from({ length: 10 }, (_, index) => soakExecution(index));
  assert.deepEqual(sent.map((execution) => execution.kind), [...SOAK_KINDS, ...SOAK_KINDS]);
  assert.equal(new Set(sent.map((execution) => execution.body.code)).size, 10);
  assert.ok(sent.every((execution) => execution.body.apis.includes("math")));
  assert.throws(() => soakExecution(-1), /whole number of at least 0/);
});

test("each kind accepts its own right answer", () => {
  for (let index = 0; index < 10; index++) soakExecution(index).verify(...rightAnswer(index));
});

test("each kind refuses a 500, and the answer of another kind", () => {
  for (let index = 0; index < 5; index++) {
    const { verify } = soakExecution(index);
    assert.throws(() => verify(500, JSON.stringify({ error: { code: "internal" } })), /HTTP 500/);
    assert.throws(() => verify(...rightAnswer(index + 1)), /should/);
  }
});

test("a type error that ran, or a runtime error on the wrong line, is an error of the soak", () => {
  const [, typeErrorText] = rightAnswer(1);
  assert.throws(() => soakExecution(1).verify(200, typeErrorText.replace('"CompileError"', '"SandboxCrashed"')), /CompileError/);
  assert.throws(() => soakExecution(1).verify(200, typeErrorText.replace('"code":2322', '"code":2304')), /TS2322/);
  const [status, text] = rightAnswer(2);
  assert.throws(() => soakExecution(2).verify(status, text.replace('"line":2', '"line":3')), /on line 2/);
});

test("the bare Worker must answer 200 with result 42", () => {
  verifyBare(...ok200({ result: 42 }));
  assert.throws(() => verifyBare(...ok200({ result: 41 })), /result 42/);
  assert.throws(() => verifyBare(503, "restarting"), /HTTP 503/);
});

/** A fake /proc of `tree` (pid → { comm, rss, cpu, children, threads }): threads split a process's children across its tasks; `cpu` is [utime, stime] in ticks. */
function fakeProc(tree) {
  const files = new Map();
  const dirs = new Map();
  for (const [pid, { comm, rss, cpu, children = [], threads = 1 }] of Object.entries(tree)) {
    const tids = Array.from({ length: threads }, (_, at) => String(Number(pid) * 100 + at));
    dirs.set(`/proc/${pid}/task`, tids);
    tids.forEach((tid, at) => files.set(`/proc/${pid}/task/${tid}/children`, children.filter((_, nth) => nth % threads === at).join(" ") + (children.length > 0 ? " " : "")));
    files.set(`/proc/${pid}/comm`, `${comm}\n`);
    if (rss !== undefined) files.set(`/proc/${pid}/status`, `Name:\t${comm}\nVmPeak:\t  999999 kB\nVmRSS:\t  ${rss} kB\nThreads:\t${threads}\n`);
    if (cpu !== undefined) files.set(`/proc/${pid}/stat`, `${pid} (${comm} main) S 1 ${pid} ${pid} 0 -1 4194560 100 0 0 0 ${cpu[0]} ${cpu[1]} 0 0 20 0 ${threads} 0 5 0\n`);
  }
  return { list: (path) => dirs.get(path), read: (path) => files.get(path) };
}

test("the RSS walk sums every workerd under wrangler, however deep and on whichever thread", () => {
  const proc = fakeProc({
    10: { comm: "node", rss: 50_000, children: [11] },
    11: { comm: "node", rss: 90_000, children: [12, 13, 14], threads: 2 },
    12: { comm: "esbuild", rss: 20_000 },
    13: { comm: "workerd", rss: 300_000, children: [15] },
    14: { comm: "workerd", rss: 100_000 },
    15: { comm: "workerd", rss: 7_000 },
    99: { comm: "workerd", rss: 1_000_000 },
  });
  assert.deepEqual(descendants(10, proc), [11, 12, 14, 13, 15]);
  assert.deepEqual(workerdResidentKb(10, proc), { pids: [14, 13, 15], kb: 407_000 });
});

test("the RSS walk skips a process gone mid-walk and refuses a tree without workerd", () => {
  const proc = fakeProc({ 10: { comm: "node", rss: 1, children: [11, 12] }, 11: { comm: "workerd" }, 12: { comm: "workerd", rss: 5 } });
  assert.deepEqual(workerdResidentKb(10, proc), { pids: [12], kb: 5 });
  assert.throws(() => workerdResidentKb(10, fakeProc({ 10: { comm: "node", rss: 1, children: [11] }, 11: { comm: "esbuild", rss: 2 } })), /No workerd process runs under process 10/);
});

test("the CPU reading sums user and system time of every workerd, and leaves out a process that came or went between two readings", () => {
  const tree = (cpu13, cpu14, more = {}) => ({ 10: { comm: "node", cpu: [500, 500], children: [12, 13, 14, ...Object.keys(more).map(Number)] }, 12: { comm: "esbuild", cpu: [900, 0] }, 13: { comm: "workerd", cpu: cpu13 }, 14: { comm: "workerd", cpu: cpu14 }, ...more });
  const before = workerdCpuTicks(10, fakeProc(tree([100, 20], [40, 2])));
  assert.deepEqual([...before], [[13, 120], [14, 42]]);
  const after = workerdCpuTicks(10, fakeProc(tree([150, 30], [40, 2], { 15: { comm: "workerd", cpu: [7000, 0] } })));
  assert.equal(cpuMsBetween(before, after), (60 * 1000) / CLOCK_TICKS_PER_SECOND);
  assert.equal(cpuMsBetween(after, workerdCpuTicks(10, fakeProc({ 10: { comm: "node", children: [13] }, 13: { comm: "workerd", cpu: [150, 30] } }))), 0);
  assert.throws(() => workerdCpuTicks(10, fakeProc({ 10: { comm: "node", children: [11] }, 11: { comm: "esbuild", cpu: [1, 1] } })), /No workerd process runs under process 10/);
});

test("the RSS walk stops at its process limit", () => {
  const children = Array.from({ length: MAX_TREE_PROCESSES + 1 }, (_, at) => 1000 + at);
  const tree = { 10: { comm: "node", rss: 1, children } };
  for (const pid of children) tree[pid] = { comm: "workerd", rss: 1 };
  assert.throws(() => descendants(10, fakeProc(tree)), new RegExp(`more than ${MAX_TREE_PROCESSES} descendants`));
});

test("growth per execution runs from the first sample to the last", () => {
  assert.equal(growthPerRunKb([{ executions: 0, kb: 400_000 }, { executions: 500, kb: 390_000 }, { executions: 1000, kb: 420_000 }]), 20);
  assert.ok(Number.isNaN(growthPerRunKb([{ executions: 0, kb: 1 }])));
});

test("the growth target is met at 1.2× the bare Worker's growth and not past it", () => {
  assert.deepEqual(judgeGrowth(12, 10), { ratio: 1.2, met: true });
  assert.equal(judgeGrowth(12.5, 10).met, false);
  assert.equal(judgeGrowth(20, 11).met, false);
  assert.deepEqual(judgeGrowth(0, 0), { ratio: Number.NaN, met: true });
  assert.equal(judgeGrowth(3, -1).met, false);
});

test("percentile takes the nearest rank", () => {
  const values = Array.from({ length: 100 }, (_, at) => 100 - at);
  assert.equal(percentile(values, 50), 50);
  assert.equal(percentile(values, 99), 99);
  assert.equal(percentile([7], 99), 7);
  assert.ok(Number.isNaN(percentile([], 50)));
  assert.throws(() => percentile([1], 101), /between 0 and 100/);
});

test("the report puts both curves side by side and says whether the target is met", () => {
  const side = (kbs, errors) => ({ latencies: [10, 20, 30], wrong: Array.from({ length: errors }, (_, index) => ({ index, message: "x" })), curve: kbs.map((kb, at) => ({ executions: at * 500, kb })) });
  const summary = summarizeSoak(side([409_600, 420_000, 430_080], 0), side([307_200, 312_000, 317_440], 1));
  assert.equal(summary.host.kbPerRun, 20.48);
  assert.equal(summary.bare.kbPerRun, 10.24);
  assert.equal(summary.growth.met, false);
  const table = formatSoak(summary);
  assert.match(table, /\| 0 \| 400\.0 \| 300\.0 \|/);
  assert.match(table, /\| 1000 \| 420\.0 \| 310\.0 \|/);
  assert.match(table, /\| bare load\(\), one RPC call \| 3 \| 1 \| 20\.0 \| 30\.0 \| 10\.2 \|/);
  assert.match(table, /≤ 1\.2× bare load\(\)'s per load\(\) \| 2\.00× \| not met \|/);
});

/** A local server answering {"result":42}, or 500 to the request numbers in `failing`, or nothing from `stallFrom` on. */
async function server({ failing = [], stallFrom = Number.POSITIVE_INFINITY } = {}) {
  let hits = 0;
  const http = createServer((_request, response) => {
    hits++;
    if (hits >= stallFrom) return;
    response.writeHead(failing.includes(hits) ? 500 : 200, { "content-type": "application/json" }).end(JSON.stringify({ result: 42 }));
  });
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  const close = () => {
    http.closeAllConnections();
    return new Promise((resolve) => http.close(resolve));
  };
  return { url: `http://127.0.0.1:${http.address().port}/`, hits: () => hits, close };
}

test("countedLoop sends exactly its runs, each index once, and reports every count", async () => {
  const local = await server();
  try {
    const indexes = [];
    const counts = [];
    const result = await countedLoop({ clients: 3, runs: 25, request: (index) => (indexes.push(index), fetch(local.url)), verify: (_index, status, text) => verifyBare(status, text), onAnswered: (count) => counts.push(count) });
    assert.equal(local.hits(), 25);
    assert.deepEqual([...indexes].sort((a, b) => a - b), Array.from({ length: 25 }, (_, index) => index));
    assert.deepEqual(counts, Array.from({ length: 25 }, (_, index) => index + 1));
    assert.equal(result.answered, 25);
    assert.deepEqual(result.wrong, []);
  } finally {
    await local.close();
  }
});

test("countedLoop records wrong answers and goes on, up to maxWrong", async () => {
  const local = await server({ failing: [2, 5] });
  try {
    const result = await countedLoop({ clients: 1, runs: 8, request: () => fetch(local.url), verify: (_index, status, text) => verifyBare(status, text) });
    assert.equal(result.answered, 8);
    assert.deepEqual(result.wrong.map((wrong) => wrong.index), [1, 4]);
    const stopped = await countedLoop({ clients: 1, runs: 8, request: () => fetch(local.url), verify: () => assert.fail("wrong"), maxWrong: 3 });
    assert.equal(stopped.answered, 3);
  } finally {
    await local.close();
  }
});

test("countedLoop rejects when the server stops answering, and refuses a load it cannot count", async () => {
  const local = await server({ stallFrom: 3 });
  try {
    await assert.rejects(countedLoop({ clients: 1, runs: 5, timeoutMs: 100, request: () => fetch(local.url), verify: () => {} }), /no full answer within 100 ms/);
  } finally {
    await local.close();
  }
  await assert.rejects(countedLoop({ clients: 1, runs: 0, request: () => fetch("http://127.0.0.1:9/"), verify: () => {} }), /whole number of runs/);
  await assert.rejects(countedLoop({ clients: 0, runs: 1, request: () => fetch("http://127.0.0.1:9/"), verify: () => {} }), /at least 1/);
});
