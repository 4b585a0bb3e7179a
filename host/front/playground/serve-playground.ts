import { PLAYGROUND_ASSETS, PLAYGROUND_PAGE } from "../../generated/playground-assets.js";
import { Refusal } from "../../refusal.js";

/**
 * GET /playground and its two built files, /playground/app.<hash>.js and
 * .css (build-assets.mjs): an editor to write code against this host's
 * APIs and run it. The page only calls this host's public routes, with the
 * token the user types. Everything is served by the Worker itself, under a
 * CSP that allows this origin's script, stylesheet and connections and
 * nothing else: no inline script, no third-party origin. The built files
 * have content-hashed names, so they are cached for good; the page, which
 * carries a nonce of its own, is never stored, so a new build is picked up
 * at once.
 *
 * Two exceptions, for styles only: CodeMirror writes its own rules into a
 * <style> element at run time, which 'self' does not cover, so each page
 * response gets a fresh random nonce, allowed in style-src and handed to
 * the script as its `nonce` attribute, which the editor gives CodeMirror
 * (EditorView.cspNonce); and style attributes are allowed (below). Scripts
 * get no nonce and no exception: only files of this origin run.
 */
export const PLAYGROUND_PATH = "/playground";

/** Where page.html carries the style nonce; the generated page keeps it for each response to fill. */
const NONCE_SLOT = "%STYLE_NONCE%";
const NONCE_BYTES = 18;

function csp(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    // Chromium's own contenteditable editing writes style attributes into the
    // editor's lines as the user types; style attributes cannot run script.
    "style-src-attr 'unsafe-inline'",
    "connect-src 'self'",
    // CodeMirror's lint gutter draws its markers as data: SVG images.
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const COMMON_HEADERS = { "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" };

/** Whether `pathname` is the page or one of its files. */
export function isPlaygroundPath(pathname: string): boolean {
  return pathname === PLAYGROUND_PATH || pathname.startsWith(`${PLAYGROUND_PATH}/`);
}

/** Answers a request whose path isPlaygroundPath; HEAD is answered as GET (the runtime sends the headers only). */
export function servePlayground(request: Request): Response {
  const { pathname } = new URL(request.url);
  if (request.method !== "GET" && request.method !== "HEAD") {
    throw new Refusal("method-not-allowed", "method_not_allowed", `${request.method} is not allowed on ${pathname}; the playground is read with GET.`);
  }
  if (pathname === PLAYGROUND_PATH) {
    const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(NONCE_BYTES))));
    return new Response(PLAYGROUND_PAGE.replace(NONCE_SLOT, nonce), {
      headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": csp(nonce), "cache-control": "no-store", ...COMMON_HEADERS },
    });
  }
  const name = pathname.slice(PLAYGROUND_PATH.length + 1);
  const asset = Object.hasOwn(PLAYGROUND_ASSETS, name) ? PLAYGROUND_ASSETS[name] : undefined;
  if (asset === undefined) {
    throw new Refusal("not-found", "not_found", `No playground file ${pathname}: this host's build serves the page at ${PLAYGROUND_PATH}, which names its current files.`);
  }
  return new Response(asset.body, { headers: { "content-type": asset.type, "cache-control": "public, max-age=31536000, immutable", ...COMMON_HEADERS } });
}
