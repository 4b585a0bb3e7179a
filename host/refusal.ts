import type { z } from "zod";
import { describeIssues } from "./zod-issues.js";

/**
 * Why a request is refused, independent of any protocol. Each front end maps
 * a kind once: HTTP to a status (host/front/http/http-refusal.ts), Cap'n Web to a
 * rejection and MCP to an `isError` result, both carrying the sentence.
 */
export type RefusalKind =
  | "invalid"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "method-not-allowed"
  | "too-large"
  | "upgrade-required"
  | "rate-limited"
  | "unavailable";

/**
 * The one refusal domain code throws: a kind, a stable machine-readable
 * `code` (e.g. "unknown_api"), a full sentence that says what to send
 * instead, and optional JSON details. It carries no protocol detail.
 */
export class Refusal extends Error {
  override readonly name = "Refusal";

  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** A request the caller must change: a bad value, a limit passed, a name that does not exist. */
export const invalid = (code: string, message: string, details?: unknown) => new Refusal("invalid", code, message, details);

/** Input that failed its zod schema: the first issue as the message ("path: problem"), every issue in details. */
export function invalidInput(error: z.ZodError): Refusal {
  return invalid("invalid_request", describeIssues(error.issues), error.issues.map((i) => ({ path: i.path, message: i.message })));
}
