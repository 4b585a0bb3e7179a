/**
 * One upstream call, bounded: a deadline covering the response and its body,
 * a cap on the body's size, and no redirect following (a 3xx comes back as
 * it is; the sandbox's own fetch may follow it, through the gateway again).
 *
 * Contract: never rejects. Failures come back as values, and none carries
 * the upstream's or the runtime's error text, which could quote the URL and
 * with it a credential sent as a query parameter.
 */
import { joinChunks } from "../bytes.js";

export interface UpstreamLimits {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
}

export type UpstreamResult =
  | { kind: "response"; status: number; statusText: string; headers: Headers; body: Uint8Array | null }
  | { kind: "too-large"; status: number }
  | { kind: "timeout" }
  | { kind: "failed" };

/** Statuses whose responses have no body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

class TooLarge extends Error {}

async function readCapped(body: ReadableStream<Uint8Array>, max: number, abort: Promise<never>): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), abort]);
      if (done) break;
      total += value.byteLength;
      if (total > max) throw new TooLarge();
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  }
  return joinChunks(chunks, total);
}

/**
 * Sends `request` through `via` (a service binding) or the network, and
 * reads the whole response within the limits.
 */
export async function callUpstream(request: Request, via: Fetcher | undefined, limits: UpstreamLimits): Promise<UpstreamResult> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const abort = new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
  abort.catch(() => {});
  let response: Response;
  try {
    const init = { redirect: "manual", signal } as const;
    response = await Promise.race([via === undefined ? fetch(request, init) : via.fetch(request, init), abort]);
  } catch {
    return signal.aborted ? { kind: "timeout" } : { kind: "failed" };
  }
  const { status, statusText, headers } = response;
  const declared = Number(headers.get("content-length") ?? "0");
  if (declared > limits.maxResponseBytes) {
    response.body?.cancel().catch(() => {});
    return { kind: "too-large", status };
  }
  if (response.body === null || NULL_BODY.has(status) || request.method === "HEAD") {
    response.body?.cancel().catch(() => {});
    return { kind: "response", status, statusText, headers, body: null };
  }
  try {
    const body = await readCapped(response.body, limits.maxResponseBytes, abort);
    return { kind: "response", status, statusText, headers, body };
  } catch (error) {
    if (error instanceof TooLarge) return { kind: "too-large", status };
    return signal.aborted ? { kind: "timeout" } : { kind: "failed" };
  }
}
