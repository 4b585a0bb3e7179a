/**
 * Share links: the code, deflated and base64url-encoded, in the URL's
 * fragment (`/playground#code=…`). Browsers never send a fragment to a
 * server, so shared code reaches no host until its reader presses Run.
 * A fragment is untrusted input: decoding stops past MAX_SHARED_CODE_BYTES
 * and a malformed one is reported, never half-loaded.
 */

import { fromBase64Url, readAtMost, toBase64Url } from "../../../bytes.js";

const FRAGMENT_KEY = "code";
/** The most code a share link may unpack to: 1 MiB, the largest GHOSTWIRE_MAX_CODE_BYTES any host accepts. */
export const MAX_SHARED_CODE_BYTES = 1024 * 1024;

/** The page's URL with `code` in its fragment. */
export async function shareLink(code: string, page: URL): Promise<string> {
  const packed = new Blob([code]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const url = new URL(page);
  url.hash = `${FRAGMENT_KEY}=${toBase64Url(new Uint8Array(await new Response(packed).arrayBuffer()))}`;
  return url.href;
}

/**
 * The code a share link carries, or undefined when the fragment holds none.
 * Rejects with a sentence when the fragment is malformed or too large.
 */
export async function sharedCode(hash: string): Promise<string | undefined> {
  const value = new URLSearchParams(hash.replace(/^#/, "")).get(FRAGMENT_KEY);
  if (value === null) return undefined;
  let unpacked: Uint8Array | undefined;
  let code: string;
  try {
    const packed = new Blob([fromBase64Url(value)]).stream();
    unpacked = await readAtMost(packed.pipeThrough(new DecompressionStream("deflate-raw")), MAX_SHARED_CODE_BYTES);
    code = new TextDecoder("utf-8", { fatal: true }).decode(unpacked);
  } catch {
    throw new Error("The link's #code= is not code this page packed: copy the whole share link again.");
  }
  if (unpacked === undefined) throw new Error(`The shared code unpacks to more than ${MAX_SHARED_CODE_BYTES} bytes, more than any host runs; it was not loaded.`);
  return code;
}
