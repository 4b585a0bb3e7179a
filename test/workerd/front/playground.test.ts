import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("GET /playground", () => {
  it("serves the page with a CSP that allows exactly its own inline script", async () => {
    const response = await SELF.fetch("https://ghostwire.test/playground");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(script));
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
  });

  it("calls only the public routes, and renders output as text, never as HTML", async () => {
    const html = await (await SELF.fetch("https://ghostwire.test/playground")).text();
    const routes = [...html.matchAll(/fetch\(`?"?([^`"?]+)/g)].map((m) => m[1]);
    expect(new Set(routes)).toEqual(new Set(["/v1/types", "/v1/apis", "/v1/execute"]));
    expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it("answers HEAD like GET", async () => {
    const response = await SELF.fetch("https://ghostwire.test/playground", { method: "HEAD" });
    expect(response.status).toBe(200);
  });
});
