// The arithmetic and the load loop of `npm run bench`, without wrangler:
// ratios against the peers of one run, the targets' verdicts, and a closed
// loop against a local HTTP server. Asserts counts and verdicts, never
// timings. Run: npm exec -- node --test test/bench/bench-harness.test.mjs
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import { closedLoop } from "./closed-loop.mjs";
import { formatTables, judge, median, MIN_VERDICT_SAMPLES, summarize } from "./bench-report.mjs";

const PATHS = { bare: "bare", codemode: "codemode", checked: "checked", layered: "layered" };
/**
 * A path whose 1-client p50 is `p50` ms over `samples` requests, which
 * completed `rps8` requests in one second at 8 clients, and whose workerd
 * spent `cpuMs` per request.
 */
function path(p50, rps8, { samples = MIN_VERDICT_SAMPLES, cpuMs = 10 } = {}) {
  const latencies = Array.from({ length: samples }, (_, at) => (at < samples / 2 ? p50 - 1 : at === Math.floor(samples / 2) ? p50 : p50 + 5));
  return {
    one: { latencies, completed: samples, elapsedMs: samples * p50, cpuMs: cpuMs * samples },
    eight: { latencies: [], completed: rps8, elapsedMs: 1000, cpuMs: cpuMs * rps8 },
  };
}

test("summarize divides each p50 by bare load()'s and each 8-client throughput by codemode's", () => {
  const rows = summarize(PATHS, { bare: path(8, 200), codemode: path(10, 250), checked: path(12, 150), layered: path(20, 100) });
  const checked = rows.find((row) => row.key === "checked");
  assert.equal(checked.p50Ms, 12);
  assert.equal(checked.vsFloor, 1.5);
  assert.equal(checked.rps8, 150);
  assert.equal(checked.rps8VsPeer, 0.6);
  assert.equal(checked.rps1, 1000 / 12);
  assert.equal(checked.samples1, MIN_VERDICT_SAMPLES);
  assert.deepEqual(rows.map((row) => row.key), ["bare", "codemode", "checked", "layered"]);
});

test("summarize refuses samples without the floor it divides by", () => {
  assert.throws(() => summarize({ codemode: "codemode" }, { codemode: path(10, 250) }), /no "bare" path/);
});

test("judge says met at a target's limit and not met past it, for upper and lower bounds", () => {
  const rows = (checkedP50, checkedRps8, layeredP50) => summarize(PATHS, { bare: path(10, 100), codemode: path(10, 100), checked: path(checkedP50, checkedRps8), layered: path(layeredP50, 50) });
  assert.deepEqual(judge(rows(12.5, 90, 15)).map((verdict) => verdict.met), [true, true, true]);
  assert.deepEqual(judge(rows(13, 89, 16)).map((verdict) => verdict.met), [false, false, false]);
  const table = formatTables(rows(13, 95, 15), judge(rows(13, 95, 15)));
  assert.match(table, /p50 ≤ 1\.25× bare load\(\) \| 1\.30× \| not met \|/);
  assert.match(table, /≥ 0\.9× codemode \| 0\.95× \| met \|/);
});

test("the CPU per request is over both loads, and divided by bare load()'s", () => {
  const rows = summarize(PATHS, { bare: path(8, 200, { cpuMs: 4 }), codemode: path(10, 250), checked: path(12, 150, { cpuMs: 6 }), layered: path(20, 100) });
  const checked = rows.find((row) => row.key === "checked");
  assert.equal(checked.cpuMs, 6);
  assert.equal(checked.cpuVsFloor, 1.5);
  assert.match(formatTables(rows, judge(rows)), /\| checked \| 12\.0 \| 1\.50 \| 83 \| 150 \| 0\.60 \| 6\.0 \| 1\.50 \|/);
});

test("judge gives no verdict on fewer samples than MIN_VERDICT_SAMPLES, in the path or in what it is divided by", () => {
  const few = { samples: MIN_VERDICT_SAMPLES - 1 };
  const verdicts = judge(summarize(PATHS, { bare: path(10, 100, few), codemode: path(10, 100), checked: path(11, 95), layered: path(12, 95) }));
  assert.deepEqual(verdicts.map((verdict) => verdict.met), [null, true, null]);
  assert.match(formatTables([], verdicts), /p50 ≤ 1\.25× bare load\(\) \| 1\.22× \| too few samples \(under 50\) \|/);
  assert.equal(judge(summarize(PATHS, { bare: path(10, 100), codemode: path(10, 100), checked: path(11, 40), layered: path(12, 95) }))[1].met, null);
});

test("median takes the middle value, the upper one of an even count", () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 3);
  assert.ok(Number.isNaN(median([])));
});

/** A local server that answers {"result":42}, or HTTP 500 from request number `failFrom` on; resolves with its URL, hit count and close(). */
async function server(failFrom = Number.POSITIVE_INFINITY) {
  let hits = 0;
  const http = createServer((_request, response) => {
    hits++;
    response.writeHead(hits >= failFrom ? 500 : 200, { "content-type": "application/json" }).end(JSON.stringify({ result: 42 }));
  });
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${http.address().port}/`, hits: () => hits, close: () => new Promise((resolve) => http.close(resolve)) };
}

const verify = (status, text) => {
  if (status !== 200 || JSON.parse(text).result !== 42) throw new Error(`answered HTTP ${status}`);
};

test("closedLoop counts every answered request, across all its clients", async () => {
  const local = await server();
  try {
    const { latencies, completed, elapsedMs } = await closedLoop({ clients: 3, seconds: 0.2, request: () => fetch(local.url), verify });
    assert.ok(completed > 0);
    assert.equal(completed, local.hits());
    assert.equal(latencies.length, completed);
    assert.ok(elapsedMs > 0);
  } finally {
    await local.close();
  }
});

test("closedLoop rejects with the first wrong answer", async () => {
  const local = await server(4);
  try {
    await assert.rejects(closedLoop({ clients: 2, seconds: 30, request: () => fetch(local.url), verify }), /answered HTTP 500/);
  } finally {
    await local.close();
  }
});

test("closedLoop refuses a load it cannot generate", async () => {
  await assert.rejects(closedLoop({ clients: 0, seconds: 1, request: () => fetch("http://127.0.0.1:9/"), verify }), /at least 1/);
  await assert.rejects(closedLoop({ clients: 1, seconds: 0, request: () => fetch("http://127.0.0.1:9/"), verify }), /positive number of seconds/);
});

test("closedLoop gives up on a server that never answers", async () => {
  const stuck = createServer(() => {});
  await new Promise((resolve) => stuck.listen(0, "127.0.0.1", resolve));
  try {
    const url = `http://127.0.0.1:${stuck.address().port}/`;
    await assert.rejects(closedLoop({ clients: 1, seconds: 1, timeoutMs: 100, request: () => fetch(url), verify }), /no full answer within 100 ms/);
  } finally {
    stuck.closeAllConnections();
    await new Promise((resolve) => stuck.close(resolve));
  }
});
