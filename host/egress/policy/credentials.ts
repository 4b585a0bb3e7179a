import type { EgressCredential } from "./policy.js";

/**
 * Credential injection. The secret is read on the host, set on the request
 * the gateway sends upstream, and never put anywhere the sandbox can read.
 *
 * Override policy: under a rule with a credential, a request that carries
 * its own credential is rejected, not silently cleaned. Rejecting tells the
 * agent at once that the header cannot work, and leaves no doubt about
 * which credential reached the upstream.
 */

/** Headers that carry credentials; agent code may never send them under a credentialed rule. */
const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization"];

/**
 * The header or query parameter by which a request tries to supply its own
 * credential under `credential`, or undefined when it does not.
 */
export function findOverride(headers: Headers, url: URL, credential: EgressCredential): string | undefined {
  const names = "header" in credential ? [...CREDENTIAL_HEADERS, credential.header.toLowerCase()] : CREDENTIAL_HEADERS;
  const header = names.find((name) => headers.has(name));
  if (header !== undefined) return `${header} header`;
  if ("query" in credential && url.searchParams.has(credential.query)) return `"${credential.query}" query parameter`;
  return undefined;
}

/** Sets the credential on the upstream request's headers or URL, in place. */
export function injectCredential(headers: Headers, url: URL, credential: EgressCredential, secret: string): void {
  if ("header" in credential) headers.set(credential.header, credential.template.replaceAll("{secret}", secret));
  else url.searchParams.set(credential.query, secret);
}
