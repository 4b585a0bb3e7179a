// A closed-loop load generator: `clients` loops, each sending its next
// request only once the previous answer has been read in full. Throughput
// is what the server sustains at that concurrency; latency is what one
// request waits, queueing included.

/** How long one request may take, answer read, before the loop gives up on the server: far above any execution the bench sends. */
export const REQUEST_TIMEOUT_MS = 60_000;

/** `request()`'s status and text, or a rejection after `timeoutMs` (a stalled body would otherwise hold the loop for ever). */
async function answer(request, timeoutMs) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`A request got no full answer within ${timeoutMs} ms; the server under test is stuck or overloaded.`)), timeoutMs);
  });
  try {
    return await Promise.race([late, request().then(async (response) => ({ status: response.status, text: await response.text() }))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `clients` loops for `seconds`, each calling `request()` (which
 * resolves with a Response) and handing the answer to `verify(status,
 * text)`, which throws a sentence when the answer is wrong. A request under
 * way when the time is up is finished and counted. A request not answered
 * in full within `timeoutMs` (default REQUEST_TIMEOUT_MS) is a failure.
 *
 * Resolves with `{ latencies, completed, elapsedMs }`: the milliseconds of
 * every request, how many completed, and the wall time from the first
 * request to the last answer. Rejects with the first failure (a network
 * error or `verify`'s sentence); the other loops stop at their next request.
 */
export async function closedLoop({ clients, seconds, request, verify, timeoutMs = REQUEST_TIMEOUT_MS }) {
  if (!Number.isInteger(clients) || clients < 1) throw new Error(`closedLoop needs a whole number of clients of at least 1, not ${clients}.`);
  if (!(seconds > 0)) throw new Error(`closedLoop needs a positive number of seconds, not ${seconds}.`);
  const latencies = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let failure;
  const loop = async () => {
    while (failure === undefined && performance.now() < deadline) {
      const sent = performance.now();
      try {
        const { status, text } = await answer(request, timeoutMs);
        verify(status, text);
      } catch (error) {
        failure ??= error;
        return;
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  if (failure !== undefined) throw failure;
  return { latencies, completed: latencies.length, elapsedMs: performance.now() - started };
}
