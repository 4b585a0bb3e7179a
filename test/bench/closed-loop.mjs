// A closed-loop load generator: `clients` loops, each sending its next
// request only once the previous answer has been read in full, for a time
// (closedLoop) or a number of requests (countedLoop). Throughput
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

/**
 * Runs exactly `runs` requests over `clients` loops: request number i (0
 * to runs − 1, each sent once) is `request(i)`, and its answer goes to
 * `verify(i, status, text)`, which throws a sentence when the answer is
 * wrong. A wrong answer is recorded and the loops go on, up to `maxWrong`
 * of them, after which no new request is sent. After each answer,
 * `onAnswered(answered)` gets the running count (1, 2, … runs), so a
 * caller can sample something every so many requests.
 *
 * Resolves with `{ latencies, answered, wrong, elapsedMs }`: the
 * milliseconds of every answered request, their count, `{ index, message }`
 * of each wrong answer, and the wall time. Rejects with the first request
 * that got no full answer within `timeoutMs` (a network error or a stalled
 * server: the server failed, not the execution); the other loops stop at
 * their next request.
 */
export async function countedLoop({ clients, runs, request, verify, onAnswered = () => {}, maxWrong = Number.POSITIVE_INFINITY, timeoutMs = REQUEST_TIMEOUT_MS }) {
  if (!Number.isInteger(clients) || clients < 1) throw new Error(`countedLoop needs a whole number of clients of at least 1, not ${clients}.`);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`countedLoop needs a whole number of runs of at least 1, not ${runs}.`);
  const latencies = [];
  const wrong = [];
  const started = performance.now();
  let next = 0;
  let failure;
  const loop = async () => {
    while (failure === undefined && next < runs && wrong.length < maxWrong) {
      const index = next++;
      const sent = performance.now();
      let status;
      let text;
      try {
        ({ status, text } = await answer(() => request(index), timeoutMs));
      } catch (error) {
        failure ??= error;
        return;
      }
      latencies.push(performance.now() - sent);
      try {
        verify(index, status, text);
      } catch (error) {
        wrong.push({ index, message: error.message });
      }
      onAnswered(latencies.length);
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  if (failure !== undefined) throw failure;
  return { latencies, answered: latencies.length, wrong, elapsedMs: performance.now() - started };
}
