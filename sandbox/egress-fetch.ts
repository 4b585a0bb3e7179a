import { EGRESS_REFUSED_HEADER, EGRESS_USERINFO_REFUSAL } from "../api-types/sandbox-protocol.js";

/**
 * Replaces the isolate's fetch() with one that
 * - refuses a URL with a user name or password before anything is sent.
 *   workerd drops user info from an outbound request, so the gateway would
 *   never see it and the request would go out as if it had none; the
 *   refusal says the gateway's own sentence (api-types/sandbox-protocol.ts).
 * - rejects when the egress gateway refused the request. The refusal is a
 *   value on the host; globalOutbound speaks HTTP, so it crosses into the
 *   sandbox as a response marked with EGRESS_REFUSED_HEADER (encoded once,
 *   by sandboxResponse in host/egress/refusals.ts) and is decoded here, once:
 *   fetch() rejects with the gateway's sentence.
 *
 * Agent code runs in this realm and may replace any global or prototype
 * method, so every built-in used here is captured when it is installed,
 * before agent code runs. The URL is read from the input once, and that
 * reading is what the runtime's fetch() receives: what is checked is what
 * is sent, however the input's toString() or getters behave.
 */
export function installEgressFetch(): void {
  const fetch = globalThis.fetch;
  const get = Headers.prototype.get;
  const text = Response.prototype.text;
  const apply = Reflect.apply;
  const toText = String;
  const toUpperCase = String.prototype.toUpperCase;
  const ParsedUrl = URL;
  const ErrorConstructor = Error;
  const getter = (prototype: object, name: string): ((this: unknown) => string) => {
    const found = Object.getOwnPropertyDescriptor(prototype, name)?.get;
    if (found === undefined) throw new Error(`The runtime has no ${name} getter to capture; the sandbox cannot check outbound URLs.`);
    return found;
  };
  const requestUrl = getter(Request.prototype, "url");
  const requestMethod = getter(Request.prototype, "method");
  const urlHref = getter(URL.prototype, "href");
  const urlUsername = getter(URL.prototype, "username");
  const urlPassword = getter(URL.prototype, "password");
  const urlOrigin = getter(URL.prototype, "origin");

  /** The getter's value on `value`, or undefined when `value` is not of the getter's class. */
  const read = (getterOf: (this: unknown) => string, value: unknown): string | undefined => {
    try {
      return apply(getterOf, value, []);
    } catch {
      return undefined;
    }
  };

  /** Rejects when `href` holds user info; otherwise does nothing. A URL that does not parse is left to the runtime's fetch to refuse. */
  const refuseUserinfo = (href: string, method: () => string): void => {
    let url: URL;
    try {
      url = new ParsedUrl(href);
    } catch {
      return;
    }
    if (apply(urlUsername, url, []) === "" && apply(urlPassword, url, []) === "") return;
    throw new ErrorConstructor(`Egress denied: ${method()} ${apply(urlOrigin, url, [])}: ${EGRESS_USERINFO_REFUSAL}`);
  };

  const fetchThroughGateway = async function fetchThroughGateway(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    // A Request's URL cannot change once made, so a Request goes on as it is; anything else goes on as the one string read here.
    const requestHref = read(requestUrl, input);
    const href = requestHref ?? read(urlHref, input) ?? toText(input);
    refuseUserinfo(href, () => {
      const asked = init?.method;
      return apply(toUpperCase, asked !== undefined ? toText(asked) : requestHref !== undefined ? apply(requestMethod, input, []) : "GET", []);
    });
    const response = await fetch(requestHref !== undefined ? (input as Request) : href, init);
    if (apply(get, response.headers, [EGRESS_REFUSED_HEADER]) !== null) throw new ErrorConstructor(await apply(text, response, []));
    return response;
  };

  // workerd defines fetch on the global scope's prototype, not on the global
  // object, so assigning globalThis.fetch would only shadow it. Replace it
  // wherever it is, so that no path such as
  // Object.getPrototypeOf(globalThis).fetch leads to the runtime's own.
  for (let holder: object | null = globalThis; holder !== null; holder = Object.getPrototypeOf(holder)) {
    const found = Object.getOwnPropertyDescriptor(holder, "fetch");
    if (found === undefined) continue;
    if (found.configurable !== true) throw new Error("The runtime's fetch cannot be replaced, so the sandbox cannot check outbound URLs; refusing to run agent code.");
    Object.defineProperty(holder, "fetch", { value: fetchThroughGateway, writable: true, configurable: true, enumerable: found.enumerable });
  }
}
