import { Refusal, type RefusalKind } from "../../refusal.js";

/** The HTTP status of each refusal kind; only the HTTP front end knows it. */
const STATUS: Readonly<Record<RefusalKind, number>> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  "method-not-allowed": 405,
  "too-large": 413,
  "upgrade-required": 426,
  "rate-limited": 429,
  unavailable: 503,
};

/** The HTTP status a refusal is answered with. */
export function refusalStatus(refusal: Refusal): number {
  return STATUS[refusal.kind];
}

function errorBody(status: number, code: string, message: string, details?: unknown): Response {
  const error = details === undefined ? { code, message } : { code, message, details };
  return Response.json({ error }, { status });
}

/**
 * The one HTTP rendering of an error: a Refusal becomes its status and
 * `{ error: { code, message, details? } }`; anything else is a 500
 * `internal` that reveals nothing about the failure.
 */
export function errorResponse(error: unknown): Response {
  if (error instanceof Refusal) return errorBody(refusalStatus(error), error.code, error.message, error.details);
  return errorBody(500, "internal", "The host failed to handle this request.");
}
