import PLAYGROUND_HTML from "./playground.html";

/**
 * GET /playground: a page to read the declarations, write code and run it
 * against this host. It only calls the public routes. Its one inline script
 * is allowed by hash in a strict Content-Security-Policy, and it renders
 * results as text, never as HTML, so a result cannot script the page.
 */
let response: Promise<{ body: string; csp: string }> | undefined;

async function scriptHash(html: string): Promise<string> {
  const script = /<script>([\s\S]*?)<\/script>/.exec(html);
  if (!script) throw new Error("host/front/http/playground.html has no inline <script>.");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(script[1]));
  return `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`;
}

async function build(): Promise<{ body: string; csp: string }> {
  const csp = [
    "default-src 'none'",
    `script-src ${await scriptHash(PLAYGROUND_HTML)}`,
    "style-src 'unsafe-inline'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return { body: PLAYGROUND_HTML, csp };
}

export async function servePlayground(): Promise<Response> {
  response ??= build();
  const { body, csp } = await response;
  return new Response(body, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": csp,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    },
  });
}
