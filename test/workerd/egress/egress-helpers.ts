import { env } from "cloudflare:workers";
import { expect } from "vitest";

/** The demo upstream's token in the tests: a canary (test/vitest.config.ts) no sandbox may ever see. */
export const CANARY: string = env.DEMO_UPSTREAM_TOKEN;

/** Every spelling of the canary an upstream or a leak could produce. */
function canarySpellings(): string[] {
  const bytes = new TextEncoder().encode(CANARY);
  const b64 = (pad: number) => btoa("\0".repeat(pad) + String.fromCharCode(...bytes)).slice(4, -4);
  const spelled = [CANARY, encodeURIComponent(CANARY), btoa(CANARY).slice(0, -4), b64(1), b64(2)];
  return [...spelled, ...spelled.map((s) => s.replaceAll("+", "-").replaceAll("/", "_"))];
}

/** Asserts that nothing in `value` (serialized whole) holds the canary in any spelling. */
export function expectNoCanary(value: unknown): void {
  const text = JSON.stringify(value);
  expect(text.length).toBeGreaterThan(0);
  for (const spelling of canarySpellings()) expect(text).not.toContain(spelling);
  expect(text.toLowerCase()).not.toContain(CANARY.toLowerCase());
}

/** The base64 alphabets a scrubbed blob may use. */
export const BASE64_ENCODINGS: Record<string, (bytes: string) => string> = {
  base64: btoa,
  base64url: (bytes) => btoa(bytes).replaceAll("+", "-").replaceAll("/", "_"),
};

/**
 * The first and last index of the characters of `encode(plain)` that depend
 * on a bit of `secret`, found by flipping each bit of the secret where it
 * sits in `plain` (a byte string) and seeing which characters change. Not
 * derived from the scrubber's arithmetic, so it can check it.
 */
export function secretDependentRange(plain: string, secret: string, encode: (bytes: string) => string): { first: number; last: number } {
  const at = plain.indexOf(secret);
  if (at === -1) throw new Error("The secret is not in the plain text; the test's setup is wrong.");
  const encoded = encode(plain);
  const dependent = new Set<number>();
  for (let i = at; i < at + secret.length; i++) {
    for (let bit = 0; bit < 8; bit++) {
      const flipped = encode(plain.slice(0, i) + String.fromCharCode(plain.charCodeAt(i) ^ (1 << bit)) + plain.slice(i + 1));
      for (let c = 0; c < encoded.length; c++) if (flipped[c] !== encoded[c]) dependent.add(c);
    }
  }
  const first = Math.min(...dependent);
  const last = Math.max(...dependent);
  if (last - first + 1 !== dependent.size) throw new Error("The secret-dependent characters are not contiguous; the test's setup is wrong.");
  return { first, last };
}
