import type { z } from "zod";

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
  const issue = error.issues[0];
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return badRequest("invalid_request", `${where}${issue.message}`, error.issues.map((i) => ({ path: i.path, message: i.message })));
}
