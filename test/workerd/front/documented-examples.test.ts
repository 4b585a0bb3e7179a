import { describe, expect, it } from "vitest";
import readme from "../../../README.md?raw";
import { DEFAULT_EXAMPLE } from "../../../host/front/playground/app/default-example.js";
import { execute } from "../helpers.js";

/**
 * The examples people and agents copy first run as shown on the demo host:
 * the README's agent code blocks (marked `<!-- agent code: … -->`), the
 * bodies of its single-quoted `curl … /v1/execute` examples, and the
 * playground's default code. An example shown failing on purpose says so
 * right after it, with the error's name; every other one must succeed,
 * type check included.
 */

/** How far after an example the README shows the error it demonstrates. */
const ANSWER_WINDOW_CHARS = 600;

function markedBlocks(): string[] {
  return [...readme.matchAll(/<!-- agent code: [^>]*-->\n```ts\n([\s\S]*?)\n```/g)].map((match) => match[1]);
}

function curlBodies(): { body: Record<string, unknown>; expectedError?: string }[] {
  return [...readme.matchAll(/curl -s localhost:8787\/v1\/execute[^\n]*?(?:\\\n\s*)?-d '([\s\S]*?)'/g)].map((match) => {
    const after = readme.slice(match.index! + match[0].length, match.index! + match[0].length + ANSWER_WINDOW_CHARS);
    const shown = /"error":\{"name":"([A-Za-z]+)"/.exec(after.split("\ncurl ")[0]);
    return { body: JSON.parse(match[1]) as Record<string, unknown>, ...(shown !== null && { expectedError: shown[1] }) };
  });
}

describe("documented examples", () => {
  it("the README's agent code blocks run and type-check", async () => {
    const blocks = markedBlocks();
    expect(blocks.length).toBeGreaterThan(0);
    for (const code of blocks) expect(await execute({ code }), code).toMatchObject({ ok: true });
  });

  it("the README's curl examples are valid requests, and fail only where the README shows them failing", async () => {
    const examples = curlBodies();
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const { body, expectedError } of examples) {
      const answer = await execute(body as { code: string });
      if (expectedError === undefined) expect(answer, JSON.stringify(body)).toMatchObject({ ok: true });
      else expect(answer.error?.name, JSON.stringify(body)).toBe(expectedError);
    }
  });

  it("the playground's default code runs and type-checks", async () => {
    const answer = await execute({ code: DEFAULT_EXAMPLE });
    expect(answer).toMatchObject({ ok: true, stats: { apiCalls: 2 } });
  });
});
