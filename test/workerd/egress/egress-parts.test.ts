import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createEgressGateway } from "../../../host/egress/index.js";
import { resolveOptions } from "../../../host/ghostwire-options.js";
import { isPrivateHost } from "../../../host/egress/policy/addresses.js";
import { findOverride, injectCredential } from "../../../host/egress/policy/credentials.js";
import { defineEgressRules, matchRule } from "../../../host/egress/policy/policy.js";
import { createScrubber, REDACTED } from "../../../host/egress/policy/scrub.js";

const SECRET = "s3cr3t-Value/with+chars=";

describe("egress parts: the scrubber", () => {
  const scrubber = createScrubber([SECRET]);
  const bytesOf = (text: string) => new TextEncoder().encode(text);
  const textOf = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

  it("removes the secret as sent, percent-encoded and JSON-escaped", () => {
    for (const spelling of [SECRET, encodeURIComponent(SECRET), JSON.stringify(SECRET).slice(1, -1)]) {
      expect(scrubber.text(`before ${spelling} after`)).toBe(`before ${REDACTED} after`);
    }
  });

  it("removes the secret base64- and base64url-encoded at every alignment inside a larger blob", () => {
    for (const prefix of ["", "a", "ab", "abc"]) {
      for (const encode of [btoa, (s: string) => btoa(s).replaceAll("+", "-").replaceAll("/", "_")]) {
        const blob = encode(`${prefix}{"token":"${SECRET}"}`);
        const scrubbed = scrubber.text(blob);
        expect(scrubbed).toContain(REDACTED);
        expect(scrubbed).not.toContain(encode(SECRET).slice(2, -4));
      }
    }
  });

  it("scrubs binary bodies byte for byte and returns the same bytes when there is nothing to remove", () => {
    const clean = new Uint8Array([0, 255, 1, 128]);
    expect(scrubber.bytes(clean)).toBe(clean);
    const dirty = new Uint8Array([0xff, ...bytesOf(SECRET), 0x00]);
    expect([...scrubber.bytes(dirty)]).toEqual([0xff, ...bytesOf(REDACTED), 0x00]);
    expect(textOf(scrubber.bytes(bytesOf(`é ${SECRET} ü`)))).toBe(`é ${REDACTED} ü`);
  });

  it("scrubs header values, keeps every Set-Cookie, and drops headers whose name holds the secret", () => {
    const headers = new Headers([["x-a", `Bearer ${SECRET}`], [`x-${SECRET.slice(0, 6)}`, "fine"]]);
    headers.append("set-cookie", `a=${SECRET}`);
    headers.append("set-cookie", "b=2");
    const scrubbed = createScrubber([SECRET, "x-s3cr3t"]).headers(headers);
    expect(scrubbed.get("x-a")).toBe(`Bearer ${REDACTED}`);
    expect(scrubbed.getSetCookie()).toEqual([`a=${REDACTED}`, "b=2"]);
    expect([...scrubbed.keys()]).not.toContain("x-s3cr3t");
  });
});

describe("egress parts: credentials", () => {
  it("injects a header from its template, or a query parameter", () => {
    const headers = new Headers();
    const url = new URL("https://api.example.com/v1/x?a=1");
    injectCredential(headers, url, { header: "X-Api-Key", template: "Key {secret}", secret: "K" }, SECRET);
    expect(headers.get("x-api-key")).toBe(`Key ${SECRET}`);
    injectCredential(headers, url, { query: "api_key", secret: "K" }, SECRET);
    expect(url.searchParams.get("api_key")).toBe(SECRET);
    expect(url.searchParams.get("a")).toBe("1");
  });

  it("finds a request's own credential in Authorization, Proxy-Authorization, the rule's header or its query parameter", () => {
    const url = new URL("https://api.example.com/");
    const header = { header: "X-Api-Key", template: "{secret}", secret: "K" } as const;
    const query = { query: "api_key", secret: "K" } as const;
    expect(findOverride(new Headers({ authorization: "x" }), url, query)).toBe("authorization header");
    expect(findOverride(new Headers({ "proxy-authorization": "x" }), url, header)).toBe("proxy-authorization header");
    expect(findOverride(new Headers({ "X-API-KEY": "x" }), url, header)).toBe("x-api-key header");
    expect(findOverride(new Headers(), new URL("https://api.example.com/?api_key=x"), query)).toBe('"api_key" query parameter');
    expect(findOverride(new Headers({ accept: "x" }), url, header)).toBeUndefined();
  });
});

describe("egress parts: rules", () => {
  const rules = defineEgressRules({
    api: { description: "x", origin: "https://api.example.com", pathPrefix: "/v2/", methods: ["GET"] },
    other: { description: "y", origin: "https://api.example.com", methods: ["POST"] },
  });

  it("matches exact origins only, then methods and path prefixes", () => {
    const granted = [...rules.values()];
    expect(matchRule(granted, new URL("https://api.example.com/v2/a"), "GET")).toMatchObject({ ok: true, rule: { id: "api" } });
    expect(matchRule(granted, new URL("https://api.example.com/anything"), "POST")).toMatchObject({ ok: true, rule: { id: "other" } });
    for (const url of ["http://api.example.com/v2/a", "https://api.example.com:8443/v2/a", "https://x.api.example.com/v2/a", "https://api.example.com.evil.test/v2/a"]) {
      expect(matchRule(granted, new URL(url), "GET")).toEqual({ ok: false, reason: "origin" });
    }
    expect(matchRule(granted, new URL("https://API.Example.COM:443/v2/a"), "GET")).toMatchObject({ ok: true });
    expect(matchRule(granted, new URL("https://api.example.com/v2"), "GET")).toMatchObject({ ok: false });
    expect(matchRule(granted, new URL("https://api.example.com/v2x/a"), "GET")).toMatchObject({ ok: false });
  });

  it("fails at load with a sentence naming the rule and the field", () => {
    expect(() => defineEgressRules({ bad: { description: "x", origin: "https://api.example.com/path", methods: ["GET"] } })).toThrow(
      /^Invalid egress rule "bad": origin: must be exactly an http\(s\) origin.*Fix it where defineEgressRules is called\.$/,
    );
    expect(() => defineEgressRules({ bad: { description: "x", origin: "https://a.example", methods: ["GET"], credential: { header: "Authorization", template: "Bearer", secret: "T" } } })).toThrow(
      /credential/,
    );
    expect(() => defineEgressRules({ Bad_Id: { description: "x", origin: "https://a.example", methods: ["GET"] } })).toThrow(/^Invalid egress rule id "Bad_Id"/);
  });
});

describe("egress parts: addresses", () => {
  it("knows loopback, private, link-local and local names, in the forms URL parsing leaves", () => {
    const host = (url: string) => new URL(url).hostname;
    for (const url of ["http://127.1/", "http://0x7f000001/", "http://10.1.2.3/", "http://172.20.0.1/", "http://192.168.0.1/", "http://169.254.169.254/", "http://100.64.0.1/", "http://0.0.0.0/", "http://[::1]/", "http://[::ffff:10.0.0.1]/", "http://[fd00::1]/", "http://[fe80::1]/", "http://localhost/", "http://api.localhost/", "http://printer.local/", "http://metadata/"]) {
      expect(isPrivateHost(host(url)), url).toBe(true);
    }
    for (const url of ["http://8.8.8.8/", "http://172.32.0.1/", "http://[2606:4700::1111]/", "http://api.example.com/", "http://rates.demo.invalid/"]) {
      expect(isPrivateHost(host(url)), url).toBe(false);
    }
  });
});

describe("egress parts: a session over rules of its own", () => {
  const rules = defineEgressRules({
    "by-query": { description: "q", origin: "http://query.demo.invalid", methods: ["GET"], credential: { query: "key", secret: "QUERY_SECRET" }, service: "DEMO_UPSTREAM" },
    "no-secret": { description: "m", origin: "http://missing.demo.invalid", methods: ["GET"], credential: { query: "key", secret: "NOT_SET" }, service: "DEMO_UPSTREAM" },
    "short-secret": { description: "s", origin: "http://short.demo.invalid", methods: ["GET"], credential: { query: "key", secret: "SHORT_SECRET" }, service: "DEMO_UPSTREAM" },
    "no-service": { description: "n", origin: "http://nowhere.demo.invalid", methods: ["GET"], service: "NOT_BOUND" },
  });
  const QUERY_SECRET = "query-secret-0123456789";
  // A generous deadline: the first call in this file loads the host's module (the TypeScript compiler) to serve the upstream.
  const gateway = createEgressGateway({ ...env, QUERY_SECRET, SHORT_SECRET: "short" }, rules, { maxRequests: 10, maxResponseBytes: 65536, timeoutMs: 20_000 });

  it("injects a query credential that arrives upstream, and scrubs it out of the echo", async () => {
    const session = gateway.open(["by-query"]);
    const text = await (await session.fetcherFor(["by-query"])("http://query.demo.invalid/v1/echo?a=1")).text();
    gateway.close(session);
    expect(JSON.parse(text).url).toBe("http://query.demo.invalid/v1/echo?a=1&key=[REDACTED]");
    expect(text).not.toContain(QUERY_SECRET);
  });

  it("refuses, with a sentence for the deployer, a rule whose secret or service the host lacks or whose secret is too short", async () => {
    const session = gateway.open(["no-secret", "short-secret", "no-service", "by-query"]);
    const messages = [];
    for (const url of ["http://missing.demo.invalid/", "http://short.demo.invalid/", "http://nowhere.demo.invalid/", "http://query.demo.invalid/v1/echo?key=mine"]) {
      messages.push(await session.fetcherFor(["no-secret", "short-secret", "no-service", "by-query"])(url).then(() => "sent", (error: Error) => error.message));
    }
    gateway.close(session);
    expect(messages).toEqual([
      'Egress refused: rule "no-secret" injects the secret NOT_SET, which this host does not have. The deployer sets it with `wrangler secret put NOT_SET` (locally: a line in .dev.vars).',
      'Egress refused: the secret SHORT_SECRET of rule "short-secret" is shorter than 12 characters, too short to scrub reliably out of responses, so the gateway will not send it. The deployer must set a longer secret.',
      'Egress refused: rule "no-service" routes to the service binding NOT_BOUND, which this host does not have. The deployer adds it to "services" in wrangler.jsonc.',
      'Egress refused: GET http://query.demo.invalid: rule "by-query" injects the credential itself, so the request may not carry its own "key" query parameter. Remove it; the gateway adds the credential.',
    ]);
    expect(session.records.map((r) => r.refused)).toEqual(["misconfigured", "misconfigured", "misconfigured", "override"]);
  });

  it("refuses every request once the session is closed", async () => {
    const session = gateway.open(["by-query"]);
    gateway.close(session);
    await expect(session.fetcherFor(["by-query"])("http://query.demo.invalid/v1/echo")).rejects.toThrow("Egress refused: this execution has ended, so its outbound requests are no longer accepted.");
  });

  it("fails at module load when an API declares a rule that does not exist", () => {
    const contract = { name: "x", description: "x", methods: {}, egress: ["nope"] };
    expect(() => resolveOptions({ apis: [{ contract, implementation: {} }], egressRules: rules })).toThrow(
      'API "x" declares the egress rule "nope", which the host\'s egress rules (createGhostwire({ egressRules })) do not define.',
    );
  });
});
