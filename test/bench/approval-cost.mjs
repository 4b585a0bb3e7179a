// What pause and resume cost against live approval, under `npm start`: the
// same code (one order under $100, then one over it, which needs approval)
// approved live over Cap'n Web (onApproval answers true at once), and
// paused then resumed with decide() (two round trips, a seal, a store, a
// take and a replay in a second isolate). 20 of each, alternating, on one
// host; it prints both p50s and their ratio (timings on a shared machine are
// noisy: compare the figures of one run only). Type-checking is off in both,
// so the figures are the approval paths and the isolates, not the checker.
//
// Usage: npm run bench:approvals
import { connect } from "../../host/front/rpc/client.ts";
import { startHost } from "../e2e/host-process.mjs";

const RUNS = 20;
const code = `await orders.place({ productId: "p-039", quantity: 1 });
return await orders.place({ productId: "p-001", quantity: 1 });`;

const host = await startHost();
const gw = connect(host.base);
try {
  const options = { apis: ["orders"], check: false };
  const live = [];
  const paused = [];
  const timed = async (times, work) => {
    const started = performance.now();
    const response = await work();
    times.push(performance.now() - started);
    if (!response.ok) throw new Error(`The execution failed: ${JSON.stringify(response.error)}`);
  };
  // One of each first, to warm the host and the runner.
  for (let i = -1; i < RUNS; i++) {
    await timed(i < 0 ? [] : live, () => gw.execute(code, { ...options, onApproval: () => true }));
    await timed(i < 0 ? [] : paused, async () => {
      const first = await gw.execute(code, options);
      if (first.error?.name !== "ApprovalRequired") throw new Error(`Expected ApprovalRequired, got ${JSON.stringify(first.error)}`);
      return gw.decide(first.pending.approval, "approve");
    });
  }
  const p50 = (times) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  console.log(`p50 of ${RUNS} each, ms: live approval ${p50(live).toFixed(1)}; pause + resume ${p50(paused).toFixed(1)}; ratio ${(p50(paused) / p50(live)).toFixed(2)}x`);
} finally {
  gw[Symbol.dispose]();
  await host.stop();
}
