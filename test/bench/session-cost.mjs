// What a session adds to one execution under `npm start`: the p50 of 21
// executions with no session, with a session presented, and with a session
// set + get, on one host (timings on a shared machine are noisy: compare the
// figures of one run only). It prints figures and checks only that each
// execution answered 200.
//
// Usage: npm run bench:sessions
import { execute, startHost } from "../e2e/host-process.mjs";

const RUNS = 21;

const host = await startHost({ vars: { GHOSTWIRE_HOST_SECRET: "host-secret-for-session-bench-0123456789" } });
try {
  const opened = await fetch(`${host.base}/v1/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  if (opened.status !== 201) throw new Error(`POST /v1/sessions answered HTTP ${opened.status}: ${await opened.text()}`);
  const { session } = await opened.json();
  const median = async (body) => {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await execute(host.base, body);
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)].toFixed(1);
  };
  const plain = await median({ code: "return 1;", check: false });
  const presented = await median({ session, code: "return 1;", check: false });
  const used = await median({ session, code: `await session.set({ key: "n", value: 1 }); return await session.get({ key: "n" });`, check: false });
  console.log(`p50 of ${RUNS} executions, ms: no session ${plain}; session presented ${presented}; session set + get ${used}`);
} finally {
  await host.stop();
}
