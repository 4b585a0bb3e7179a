// The program the throughput benches run on every path (`npm run bench`,
// `npm run bench:runtime-floor`): one `math.add` call over Workers RPC from a
// fresh isolate, how an answer to it is checked, and how one slice of it is
// measured and in which order the paths take their turns.
import { closedLoop } from "./closed-loop.mjs";
import { cpuMsBetween, workerdCpuTicks } from "./process-tree-rss.mjs";

/** The agent code each Ghostwire path executes. */
export const BENCH_CODE = "return await math.add({ a: 20, b: 22 });";
/** What wrangler dev answers when the Worker's process restarted under a request. */
const RESTARTED = /restarted mid-request/;

/** A request function that POSTs `body` to the host at `base` as one execution. */
export const executeAt = (base, body) => () => fetch(`${base}/v1/execute`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** Throws a sentence unless the answer is HTTP 200 with result 42. */
export function verifyFortyTwo(status, text) {
  let result;
  try {
    result = JSON.parse(text).result;
  } catch {
    // Not JSON: reported below.
  }
  if (status === 200 && result === 42) return;
  const hint = RESTARTED.test(text) ? " wrangler dev restarts a Worker when one of its source files changes (an edit, another `npm run build:sandbox`): run the bench again while the tree is quiet." : "";
  throw new Error(`it answered HTTP ${status} ${text.slice(0, 300)}, not 200 with result 42.${hint}`);
}

/** The positive number after `name` on the command line, or `fallback` without one; a sentence for anything else. */
export function positiveOption(name, fallback) {
  const at = process.argv.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!(value > 0)) throw new Error(`${name} takes a positive number, not ${JSON.stringify(process.argv[at + 1])}.`);
  return value;
}

/** The paths of round `round`: `keys` turned by one each round, so that every path goes first as often as the others. */
export const turnedOrder = (keys, round) => [...keys.slice(round % keys.length), ...keys.slice(0, round % keys.length)];

/**
 * One closed-loop slice of `request` against the server whose wrangler
 * process is `pid`, every answer checked with verifyFortyTwo: closedLoop's
 * figures, plus `cpuMs`, what the server's workerd processes spent meanwhile.
 * A failure's sentence starts with `label`.
 */
export async function chargedSlice({ pid, label, clients, seconds, request }) {
  const before = workerdCpuTicks(pid);
  const measured = await closedLoop({ clients, seconds, request, verify: verifyFortyTwo }).catch((error) => {
    throw new Error(`${label}: ${error.message}`);
  });
  return { ...measured, cpuMs: cpuMsBetween(before, workerdCpuTicks(pid)) };
}
