import type { z } from "zod";
import { describeIssues } from "./zod-issues";

/**
 * An error that knows its HTTP response. Handlers throw it; the router renders
 * it in one place as `{ error: { code, message, details? } }`.
 */
export class HttpError extends Error {
  override readonly name = "HttpError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  getResponse(): Response {
    const error = this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
    return Response.json({ error }, { status: this.status });
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new HttpError(400, code, message, details);

/** A request body that failed its zod schema: the first issue as the message ("path: problem"), every issue in details. */
export function invalidRequest(error: z.ZodError): HttpError {
  return badRequest("invalid_request", describeIssues(error.issues), error.issues.map((i) => ({ path: i.path, message: i.message })));
}
