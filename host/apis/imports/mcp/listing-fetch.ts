import type { FetchLike } from "@modelcontextprotocol/sdk/shared/transport.js";

/**
 * The fetch of one session that lists a server's tools: bounded in bytes,
 * and with its failures told apart, since the SDK passes on whatever the
 * fetch throws and runtimes throw different errors for a refused
 * connection (workerd a plain Error, Node a TypeError).
 */

/**
 * Most bytes of response body the host reads while listing one server's
 * tools (handshake and every page together): 1,000 tools with generous
 * schemas fit; a server that streams without end does not.
 */
export const MAX_TOOL_LIST_BYTES = 8 * 1024 * 1024;

/** Thrown (into the SDK, which passes it on) once the responses of one session pass their byte budget. */
export class ResponseTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`The server's answers passed ${maxBytes} bytes, this host's limit for reading a tool list.`);
  }
}

/** Thrown in place of the runtime's error when a request got no response at all (refused, DNS, reset). */
export class ServerUnreachable extends Error {
  constructor() {
    super("The server could not be reached.");
  }
}

/** Statuses whose responses carry no body. */
const BODILESS = new Set([101, 204, 205, 304]);

/**
 * A fetch for one MCP client session whose response bodies, all together,
 * may not pass `maxBytes`: past it, the body being read errors with
 * ResponseTooLarge. `exceeded()` tells afterwards whether that happened,
 * since a stream error may reach the caller only as a timeout.
 */
export function listingFetch(maxBytes: number, base: FetchLike = (url, init) => fetch(url, init)): FetchLike & { exceeded(): boolean } {
  let used = 0;
  const capped = async (url: string | URL, init?: RequestInit): Promise<Response> => {
    let response: Response;
    try {
      response = await base(url, init);
    } catch {
      throw new ServerUnreachable();
    }
    if (response.body === null || BODILESS.has(response.status)) return response;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          used += chunk.byteLength;
          if (used > maxBytes) controller.error(new ResponseTooLarge(maxBytes));
          else controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return Object.assign(capped, { exceeded: () => used > maxBytes });
}
