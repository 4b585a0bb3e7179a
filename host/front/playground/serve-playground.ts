import { PLAYGROUND_ASSETS, PLAYGROUND_PAGE } from "../../generated/playground-assets.js";
import { Refusal } from "../../refusal.js";

/**
 * GET /playground and its two built files, /playground/app.<hash>.js and
 * .css (build-assets.mjs): an editor to write code against this host's
 * APIs and run it. The page only calls this host's public routes, with the
 * token the user types. Everything is served by the Worker itself, under a
 * CSP that allows this origin's script, stylesheet and connections and
 * nothing else: no inline script, no third-party origin. The built files
 * have content-hashed names, so they are cached for good; the page is
 * revalidated, so a new build is picked up at once.
 */
export const PLAYGROUND_PATH = "/playground";

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  // CodeMirror's lint gutter draws its markers as data: SVG images.
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

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
    return new Response(PLAYGROUND_PAGE, {
      headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": CSP, "cache-control": "no-cache", ...COMMON_HEADERS },
    });
  }
  const name = pathname.slice(PLAYGROUND_PATH.length + 1);
  const asset = Object.hasOwn(PLAYGROUND_ASSETS, name) ? PLAYGROUND_ASSETS[name] : undefined;
  if (asset === undefined) {
    throw new Refusal("not-found", "not_found", `No playground file ${pathname}: this host's build serves the page at ${PLAYGROUND_PATH}, which names its current files.`);
  }
  return new Response(asset.body, { headers: { "content-type": asset.type, "cache-control": "public, max-age=31536000, immutable", ...COMMON_HEADERS } });
}
