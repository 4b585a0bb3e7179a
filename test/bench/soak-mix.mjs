// The executions `npm run bench:soak` sends to the host, in a fixed
// rotation of five kinds: an API call, a type error, a runtime error, logs
// and compute. Each execution's code differs (it carries its index), as an
// agent's would, and each kind knows the one answer it must get back; any
// other answer, a 500 included, is an error of the soak.

/** The kinds, in the order the rotation sends them. */
export const SOAK_KINDS = ["success", "typeError", "runtimeError", "logs", "compute"];

/** Loop iterations of a compute execution: its base, plus up to COMPUTE_SPREAD more; far below the host's default fuel. */
const COMPUTE_BASE = 1_000;
const COMPUTE_SPREAD = 100;

/** The parsed body of an HTTP 200 answer, or a thrown sentence naming what came back instead. */
function answerOf(status, text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: reported below.
  }
  if (status !== 200 || body === null || typeof body !== "object") {
    throw new Error(`it answered HTTP ${status} ${text.slice(0, 200)}, not 200 with an execution's answer`);
  }
  return body;
}

/** Throws `sentence` (with the answer's text) unless `holds`. */
function expect(holds, sentence, text) {
  if (!holds) throw new Error(`${sentence}; it answered ${text.slice(0, 200)}`);
}

/** What each kind sends for execution number `index`, and the check of its answer. */
const BUILDERS = {
  success: (index) => ({
    body: { code: `return await math.add({ a: ${index}, b: 1 });`, apis: ["math"] },
    verify: (body, text) => expect(body.ok === true && body.result === index + 1 && body.stats?.apiCalls === 1, `a math.add call should return ${index + 1} after one API call`, text),
  }),
  typeError: (index) => ({
    body: { code: `const count: number = "soak ${index}";\nreturn count;`, apis: ["math"] },
    verify: (body, text) =>
      expect(
        body.ok === false && body.error?.name === "CompileError" && body.diagnostics?.[0]?.code === 2322 && body.diagnostics[0].line === 1,
        "a string assigned to a number should come back as a CompileError with TS2322 on line 1",
        text,
      ),
  }),
  runtimeError: (index) => ({
    body: { code: `const values = [${index}];\nif (values.length === 1) throw new RangeError("soak ${index}");\nreturn values;`, apis: ["math"] },
    verify: (body, text) =>
      expect(body.ok === false && body.error?.name === "RangeError" && body.error.message === `soak ${index}` && body.error.line === 2, `a thrown RangeError should come back as RangeError "soak ${index}" on line 2`, text),
  }),
  logs: (index) => ({
    body: { code: `console.log("soak ${index}");\nconsole.warn("twice ${index}");\nreturn ${index};`, apis: ["math"] },
    verify: (body, text) =>
      expect(
        body.ok === true &&
          body.result === index &&
          JSON.stringify(body.logs) ===
            JSON.stringify([
              { level: "log", message: `soak ${index}` },
              { level: "warn", message: `twice ${index}` },
            ]),
        `two console lines should come back as one log and one warn entry, with result ${index}`,
        text,
      ),
  }),
  compute: (index) => {
    const iterations = COMPUTE_BASE + (index % COMPUTE_SPREAD);
    const sum = (iterations * (iterations - 1)) / 2;
    return {
      body: { code: `let sum = 0;\nfor (let k = 0; k < ${iterations}; k++) sum += k;\nreturn sum;`, apis: ["math"] },
      verify: (body, text) => expect(body.ok === true && body.result === sum && body.stats?.fuelUsed >= iterations, `a loop of ${iterations} iterations should return ${sum} and burn at least as much fuel`, text),
    };
  },
};

/**
 * Execution number `index` (a whole number ≥ 0) of the soak: its kind
 * (SOAK_KINDS in rotation), the execute request's body, and
 * `verify(status, text)`, which throws a sentence unless the answer is the
 * expected one for that kind.
 */
export function soakExecution(index) {
  if (!Number.isInteger(index) || index < 0) throw new Error(`A soak execution is numbered by a whole number of at least 0, not ${index}.`);
  const kind = SOAK_KINDS[index % SOAK_KINDS.length];
  const { body, verify } = BUILDERS[kind](index);
  return { kind, body, verify: (status, text) => verify(answerOf(status, text), text) };
}

/** Throws a sentence unless the bare load() Worker answered HTTP 200 with result 42. */
export function verifyBare(status, text) {
  const body = answerOf(status, text);
  expect(body.result === 42, "the bare load() Worker should answer result 42", text);
}
