import { describe, expect, it } from "vitest";
import { createScrubber, REDACTED } from "../../../host/egress/policy/scrub.js";
import { BASE64_ENCODINGS, secretDependentRange } from "./egress-helpers.js";

/**
 * Base64 scrubbing at its edges: for every byte alignment of the secret's
 * start and end inside a larger blob, in both alphabets, the scrubbed blob
 * keeps exactly the characters that depend on no bit of the secret. The
 * characters that do are found by flipping bits (secretDependentRange), not
 * by the scrubber's own arithmetic.
 */

/** Secrets whose lengths leave each remainder mod 3, so the end edge takes every alignment too. */
const SECRETS = ["Tk9-q2Zx/8vB", "Tk9-q2Zx/8vB+", "Tk9-q2Zx/8vB+w"];
/** Neighbour bytes before and after the secret: lengths 0 to 5 cover every alignment twice over. */
const NEIGHBOURS = ["", "\u00ff", "\u00ff\u0001", "{\"a", "{\"ab\u00c0", "\u007f{\"abc"];

describe("egress scrub: base64 edges", () => {
  for (const secret of SECRETS) {
    it(`removes every character that depends on a bit of a ${secret.length}-byte secret, at every alignment, and no other`, () => {
      const scrubber = createScrubber([secret]);
      let checked = 0;
      for (const [name, encode] of Object.entries(BASE64_ENCODINGS)) {
        for (const before of NEIGHBOURS) {
          for (const after of NEIGHBOURS) {
            const plain = before + secret + after;
            const encoded = encode(plain);
            const { first, last } = secretDependentRange(plain, secret, encode);
            const scrubbed = scrubber.text(encoded);
            expect(scrubbed, `${name}, ${before.length} bytes before, ${after.length} after`).toBe(encoded.slice(0, first) + REDACTED + encoded.slice(last + 1));
            checked++;
          }
        }
      }
      expect(checked).toBe(2 * NEIGHBOURS.length ** 2);
    });
  }

  it("removes two occurrences side by side, with the character that mixes the bits of both", () => {
    const secret = SECRETS[1];
    const scrubber = createScrubber([secret]);
    for (const before of ["", "a", "ab"]) {
      const plain = before + secret + secret + "c";
      const encoded = btoa(plain);
      const { first, last } = secretDependentRange(plain, secret + secret, btoa);
      expect(scrubber.text(encoded)).toBe(encoded.slice(0, first) + REDACTED + REDACTED + encoded.slice(last + 1));
    }
  });
});
