/**
 * The code and the options of an `execute()` call over Cap'n Web. The
 * documented form is `execute(code, options?)`. One object that holds
 * `code` and nothing after it, `execute({ code, apis, … })`, is the same
 * call: it is the shape of a POST /v1/execute body, and agents and scripts
 * write it that way. Anything else is passed on unchanged, for the request's
 * validation to refuse with its own sentence.
 *
 * Used on both sides: by the client (host/front/rpc/client.ts), which must
 * find `onLog` before an HTTP batch call goes out, and by the host's service
 * (host/front/rpc/service.ts), for Cap'n Web clients of any other make.
 */
export function executeArguments(first: unknown, second: unknown): [code: unknown, options: unknown] {
  if (second !== undefined || typeof first !== "object" || first === null || Array.isArray(first) || !Object.hasOwn(first, "code")) return [first, second];
  const { code, ...options } = first as { code: unknown };
  return [code, options];
}
