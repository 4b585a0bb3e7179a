import { ApiError } from "../../../../api-types/call-errors.js";

/** The name of the error an imported operation rejects with when the API answers a status outside 2xx. */
export const HTTP_ERROR = "HttpError";

/** Most error statuses one `@throws HttpError` line lists; the rest are counted, so a large spec's lines stay short. */
const MAX_LISTED_STATUSES = 5;
/** What an OpenAPI responses key may be: a status, a range such as 4XX, or "default". */
const STATUS_KEY = /^[1-5](?:\d\d|XX)$/i;

/**
 * An operation's `throws` (api-types/define.ts): one HttpError entry whose
 * phrase lists the non-2xx statuses its spec documents, at most
 * MAX_LISTED_STATUSES of them, e.g. `when the API answers an error status
 * (documented: 404, 422)`. Keys that are not statuses are left out; the
 * phrase never quotes the spec's text, only its status codes.
 */
export function httpErrorThrows(responses: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const statuses = Object.keys(responses ?? {}).filter((key) => STATUS_KEY.test(key) && !key.startsWith("2")).map((key) => key.toUpperCase());
  const listed = statuses.slice(0, MAX_LISTED_STATUSES).join(", ");
  const more = statuses.length > MAX_LISTED_STATUSES ? ` and ${statuses.length - MAX_LISTED_STATUSES} more` : "";
  return { [HTTP_ERROR]: `when the API answers a status outside 2xx${listed === "" ? "" : ` (documented: ${listed}${more})`}` };
}

/** The error an operation rejects with for a status outside 2xx: named HttpError, with the method, path, status and up to 300 characters of the body. */
export function httpError(method: string, path: string, status: number, body: string): ApiError {
  return new ApiError(HTTP_ERROR, `${method.toUpperCase()} ${path} answered HTTP ${status}: ${body.slice(0, 300)}`);
}
