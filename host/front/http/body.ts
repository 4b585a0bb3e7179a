import { invalid, Refusal } from "../../refusal.js";
import { readAtMost } from "../../bytes.js";

/**
 * Reads a request body of at most `maxBytes`, counting bytes as they arrive
 * so that an oversized body is refused without being buffered whole. Over the
 * limit (declared or actual) is a `too-large` refusal, `body_too_large`.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new Refusal("too-large", "body_too_large", `The request body is over the limit of ${maxBytes} bytes; send a smaller one.`);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  if (request.body === null) return new Uint8Array();
  const bytes = await readAtMost(request.body, maxBytes);
  if (bytes === undefined) throw tooLarge();
  return bytes;
}

/**
 * Reads a JSON request body of at most `maxBytes` (readBodyBytes). An empty
 * body is refused as invalid, or `undefined` when the route makes it `optional`.
 */
export async function readJsonBody(request: Request, maxBytes: number, { optional = false } = {}): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (type !== "" && !/^application\/json\b/i.test(type)) {
    throw invalid("unsupported_media_type", `Send the body as application/json, not ${type}.`);
  }
  const text = new TextDecoder().decode(await readBodyBytes(request, maxBytes));
  if (text.trim() === "" && optional) return undefined;
  if (text.trim() === "") throw invalid("empty_body", 'The request body is empty; send JSON such as {"code": "return 1 + 1"}.');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid("invalid_json", `The request body is not valid JSON: ${(error as Error).message}`);
  }
}
