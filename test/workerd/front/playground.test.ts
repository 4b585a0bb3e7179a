import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

const BASE = "https://ghostwire.test";

async function page(): Promise<{ response: Response; html: string; files: string[] }> {
  const response = await SELF.fetch(`${BASE}/playground`);
  const html = await response.text();
  const files = [...html.matchAll(/(?:src|href)="(\/playground\/[^"]+)"/g)].map((match) => match[1]);
  return { response, html, files };
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

describe("GET /playground", () => {
  it("serves the page under a CSP that allows scripts of this origin only, and styles of this origin, with the response's own nonce or in attributes", async () => {
    const { response, html } = await page();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const directives = response.headers.get("content-security-policy")!.split("; ");
    const nonce = /<script [^>]*nonce="([^"]+)"/.exec(html)![1];
    expect(directives).toEqual([
      "default-src 'none'",
      "script-src 'self'",
      `style-src 'self' 'nonce-${nonce}'`,
      "style-src-attr 'unsafe-inline'",
      "connect-src 'self'",
      "img-src data:",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|<style|\son[a-z]+=/);
    const again = await page();
    expect(again.html).not.toContain(nonce);
    expect(again.response.headers.get("cache-control")).toBe("no-store");
  });

  it("serves its script and stylesheet under content-hashed names, cached for good", async () => {
    const { files } = await page();
    expect(files).toEqual([expect.stringMatching(/^\/playground\/app\.[0-9a-f]{16}\.css$/), expect.stringMatching(/^\/playground\/app\.[0-9a-f]{16}\.js$/)]);
    for (const file of files) {
      const response = await SELF.fetch(`${BASE}${file}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
      expect(response.headers.get("cache-control")).toContain("immutable");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(file).toContain(`.${(await sha256Hex(await response.text())).slice(0, 16)}.`);
    }
  });

  it("calls only the public routes, and builds its output from text, never from HTML", async () => {
    const { files } = await page();
    const script = await (await SELF.fetch(`${BASE}${files.find((file) => file.endsWith(".js"))}`)).text();
    const routes = new Set([...script.matchAll(/[`"'](\/v1\/[a-z]+)/g)].map((match) => match[1]));
    expect(routes).toEqual(new Set(["/v1/apis", "/v1/types", "/v1/check", "/v1/completions", "/v1/hover", "/v1/sessions"]));
    expect(script).toContain('"/rpc"');
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(/);
  });

  it("answers HEAD like GET, an unknown file with a 404 that names the page, and other methods with a 405", async () => {
    expect((await SELF.fetch(`${BASE}/playground`, { method: "HEAD" })).status).toBe(200);
    const missing = await SELF.fetch(`${BASE}/playground/app.0000000000000000.js`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain("/playground");
    expect((await SELF.fetch(`${BASE}/playground/toString`)).status).toBe(404);
    expect((await SELF.fetch(`${BASE}/playground`, { method: "POST" })).status).toBe(405);
  });
});
