import { z } from "zod";
import { defineApi, defineMethod } from "./define.js";

const key = z.string().min(1).max(256).describe("The entry's name, 1 to 256 characters.");

/** Every session method fails so when the session ends under a running execution (host/sessions/session-api.ts). */
const SESSION_ENDED = { SessionEnded: "when the session was burnt or expired while the code ran" } as const;

/**
 * The `session` API: granted to an execution only when its request carries a
 * session token (POST /v1/sessions). Values are JSON; the host stores them
 * encrypted under a key only the token holds.
 *
 * Size caps, enforced by the host (host/config.ts; README, "Sessions"), with
 * their defaults: keys of 1 to 256 characters; at most 1,000 keys
 * (GHOSTWIRE_SESSION_MAX_KEYS); at most 64 KiB of JSON per entry, name
 * included (GHOSTWIRE_SESSION_MAX_VALUE_BYTES); at most 1 MiB of ciphertext
 * in all (GHOSTWIRE_SESSION_MAX_BYTES). A `set` past a cap fails with a
 * sentence naming it, and the session keeps what it held.
 */
export const sessionApi = defineApi({
  name: "session",
  description:
    "State kept between executions of one session, as JSON values under string keys. Encrypted at rest with a key only the session token holds; gone when the session is burnt or expires.",
  methods: {
    get: defineMethod({
      description: "Returns the value stored under `key`, or null when there is none.",
      input: z.object({ key }),
      output: z.unknown().describe("The stored JSON value, or null."),
      throws: SESSION_ENDED,
    }),
    set: defineMethod({
      description: "Stores a JSON value under `key`, replacing any earlier one.",
      input: z.object({ key, value: z.unknown().describe("Any JSON value; Date, Map and Set are converted as in results.") }),
      output: z.null(),
      throws: {
        SessionLimitExceeded: "when storing it would pass a cap of the session (by default 1,000 keys, 64 KiB of JSON per entry, 1 MiB in all); nothing is stored",
        ...SESSION_ENDED,
      },
    }),
    delete: defineMethod({
      description: "Removes `key`. Returns whether it was there.",
      input: z.object({ key }),
      output: z.boolean(),
      throws: SESSION_ENDED,
    }),
    list: defineMethod({
      description: "Lists every key in the session, in alphabetical order.",
      input: z.object({}),
      output: z.array(z.string()),
      throws: SESSION_ENDED,
    }),
  },
});

/** What `POST /v1/sessions` accepts. */
export const createSessionRequest = z.strictObject({
  ttlSeconds: z.number().int().min(1).optional().describe("Lifetime in seconds (default and maximum: the host's GHOSTWIRE_SESSION_TTL_SECONDS)."),
});

/** What `POST /v1/sessions` returns. `session` is an opaque token: keep it secret, it is the only key to the data. */
export interface CreatedSession {
  session: string;
  /** When the session and everything in it is deleted, ISO 8601. */
  expiresAt: string;
}
