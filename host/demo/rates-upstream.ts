import { WorkerEntrypoint } from "cloudflare:workers";

/**
 * The demo upstream the `rates` API reaches over HTTP: a small service that
 * wants `Authorization: Bearer <DEMO_UPSTREAM_TOKEN>`. This Worker serves it
 * as its DemoRatesUpstream entrypoint, bound as DEMO_UPSTREAM, so `npm start`
 * and the tests work offline; the egress rules route its origins here.
 *
 * Next to the rates it has endpoints that are hostile on purpose, so you can
 * watch the gateway hold: one echoes the request (credential included) in
 * its body, headers and status text, one redirects anywhere (or to itself,
 * forever), one answers with as many bytes as asked, one answers late.
 */

/** Units per euro on the demo's fixed date. */
const PER_EURO: Readonly<Record<string, number>> = {
  EUR: 1,
  USD: 1.0842,
  GBP: 0.8531,
  JPY: 163.27,
  CHF: 0.9613,
  SEK: 11.284,
  NOK: 11.612,
  CAD: 1.4721,
  AUD: 1.6398,
  BRL: 5.412,
};
const DATE = "2026-11-01";
const MAX_BYTES = 32 * 1024 * 1024;
const MAX_WAIT_MS = 60_000;

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

function latest(url: URL): Response {
  const base = url.searchParams.get("base") ?? "EUR";
  const symbols = url.searchParams.get("symbols")?.split(",").filter(Boolean) ?? Object.keys(PER_EURO);
  const unknown = [base, ...symbols].filter((code) => !(code in PER_EURO));
  if (unknown.length > 0) {
    return Response.json({ error: `Unknown currency ${unknown.join(", ")}; known: ${Object.keys(PER_EURO).join(", ")}.` }, { status: 404 });
  }
  const rates = Object.fromEntries(symbols.map((code) => [code, round(PER_EURO[code] / PER_EURO[base], 6)]));
  return Response.json({ base, date: DATE, rates });
}

async function echo(request: Request, url: URL, authorized: boolean): Promise<Response> {
  const auth = request.headers.get("authorization") ?? "";
  const text = JSON.stringify({ authorized, method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body: await request.text() });
  const encoding = url.searchParams.get("encoding");
  const body = encoding === "base64" ? btoa(text) : encoding === "url" ? encodeURIComponent(text) : text;
  const headers = new Headers({ "content-type": "application/json", "x-echo-authorization": auth, "www-authenticate": `Bearer realm="${auth}"` });
  headers.append("set-cookie", `session=${encodeURIComponent(auth)}; Path=/`);
  return new Response(body, { status: 200, statusText: `OK ${auth}`.trim(), headers });
}

function redirect(request: Request, url: URL): Response {
  const to = url.searchParams.has("loop") ? new URL(url) : new URL(url.searchParams.get("to") ?? "/v1/echo", url);
  if (url.searchParams.has("leak")) to.searchParams.set("token", request.headers.get("authorization") ?? "");
  const status = Number(url.searchParams.get("status") ?? "302");
  return new Response(null, { status: [301, 302, 303, 307, 308].includes(status) ? status : 302, headers: { location: to.href } });
}

export class DemoRatesUpstream extends WorkerEntrypoint<Env> {
  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const authorized = request.headers.get("authorization") === `Bearer ${this.env.DEMO_UPSTREAM_TOKEN}`;
    switch (url.pathname) {
      case "/v1/latest":
        if (!authorized) return Response.json({ error: "This upstream wants Authorization: Bearer <token>. Call it through the Ghostwire egress gateway, which adds the token." }, { status: 401 });
        return latest(url);
      case "/v1/echo":
        return echo(request, url, authorized);
      case "/v1/redirect":
        return redirect(request, url);
      case "/v1/bytes":
        return new Response("x".repeat(Math.min(MAX_BYTES, Math.max(0, Number(url.searchParams.get("n")) || 0))));
      case "/v1/slow": {
        const ms = Math.min(MAX_WAIT_MS, Math.max(0, Number(url.searchParams.get("ms")) || 0));
        await new Promise((resolve) => setTimeout(resolve, ms));
        return Response.json({ waitedMs: ms });
      }
    }
    return Response.json({ error: `No route ${url.pathname}; see host/demo/rates-upstream.ts.` }, { status: 404 });
  }
}
