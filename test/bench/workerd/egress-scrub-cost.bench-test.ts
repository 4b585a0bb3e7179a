import { describe, expect, it } from "vitest";
import { createScrubber, REDACTED } from "../../../host/egress/policy/scrub.js";

/**
 * Measures what scrubbing costs on a response as large as the gateway's
 * default cap (GHOSTWIRE_MAX_EGRESS_RESPONSE_BYTES, 4 MiB): a clean JSON body,
 * a base64 body that holds the secret at every alignment, and random binary.
 * It prints p50s and asserts only on outcomes, never on time. Run it with:
 *   npm run bench:workerd -- egress-scrub-cost
 */

const BODY_BYTES = 4 * 1024 * 1024;
const ROUNDS = 7;
/** How many times the secret is planted in the base64 body. */
const PLANTED = 64;
const SECRETS = ["canary-7Hq2xZ9v-egress-secret-4kT1", "second-Secret/value+0123456789"];

const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const latin1 = (bytes: Uint8Array) => Array.from(bytes, (byte) => String.fromCharCode(byte)).join("");
const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
  return bytes;
}

function cleanJson(): Uint8Array {
  const row = JSON.stringify({ id: 123456, name: "a plain row of JSON", tags: ["x", "y"], value: 3.14159 }) + ",";
  return ascii("[" + row.repeat(Math.ceil(BODY_BYTES / row.length)).slice(0, BODY_BYTES - 2) + "]");
}

/** base64 of random bytes with the first secret planted PLANTED times, at byte offsets of every remainder mod 3. */
function plantedBase64(): Uint8Array {
  const plain = latin1(randomBytes((BODY_BYTES / 4) * 3));
  const stride = Math.floor(plain.length / PLANTED);
  let text = "";
  for (let i = 0; i < PLANTED; i++) text += plain.slice(i * stride, i * stride + stride - SECRETS[0].length - (i % 3)) + "x".repeat(i % 3) + SECRETS[0];
  return ascii(btoa(text));
}

describe("the cost of scrubbing", () => {
  it("is measured on 4 MiB responses: clean JSON, base64 holding the secret, random binary", { timeout: 120_000 }, () => {
    const scrubber = createScrubber(SECRETS);
    const bodies: Record<string, Uint8Array> = { "clean JSON": cleanJson(), "base64, secret planted 64×": plantedBase64(), "random binary": randomBytes(BODY_BYTES) };
    const lines: string[] = [];
    for (const [name, body] of Object.entries(bodies)) {
      const times: number[] = [];
      let scrubbed = body;
      for (let round = 0; round < ROUNDS; round++) {
        const started = Date.now();
        scrubbed = scrubber.bytes(body);
        times.push(Date.now() - started);
      }
      if (name === "clean JSON") expect(scrubbed).toBe(body);
      if (name.startsWith("base64")) expect(new TextDecoder().decode(scrubbed).split(REDACTED)).toHaveLength(PLANTED + 1);
      lines.push(`${name.padEnd(28)} ${(body.byteLength / 1048576).toFixed(1)} MiB  p50 ${String(p50(times)).padStart(4)} ms  (min ${Math.min(...times)}, max ${Math.max(...times)})`);
    }
    console.log([`scrubbing cost, ${ROUNDS} rounds each, ${SECRETS.length} secrets:`, ...lines].join("\n"));
  });
});
