/**
 * Loopback, private and link-local destinations.
 *
 * Rules match exact origins, so deny-by-default already keeps agent code off
 * the host's own routes, loopback and private ranges unless a granted rule
 * names that very origin; no rule can cover them by accident (no wildcards,
 * and URL parsing normalizes IPv4 spellings such as "127.1" or "0x7f000001"
 * to "127.0.0.1" before matching). The gateway uses this module to say so
 * in its refusal, so an agent does not go looking for a rule that cannot exist.
 */

const LOCAL_NAMES = /(?:^|\.)(?:localhost|local|internal|home\.arpa)\.?$/i;

function ipv4(host: string): number[] | undefined {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

function privateIpv4([a, b]: number[]): boolean {
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast and reserved
  );
}

function privateIpv6(bracketed: string): boolean {
  const host = bracketed.slice(1, -1).toLowerCase();
  if (host === "::" || host === "::1") return true;
  // IPv4-mapped and -translated forms; the URL parser writes their tail in hex.
  const mapped = /^::ffff:(?:0:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped !== null) {
    const high = parseInt(mapped[1], 16);
    const low = parseInt(mapped[2], 16);
    return privateIpv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  }
  const first = parseInt(host.split(":")[0] || "0", 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00;
}

/**
 * Whether `hostname` (as `URL.hostname` gives it) is a loopback, private,
 * link-local or otherwise non-public address or name.
 */
export function isPrivateHost(hostname: string): boolean {
  if (hostname.startsWith("[")) return privateIpv6(hostname);
  const octets = ipv4(hostname);
  if (octets !== undefined) return privateIpv4(octets);
  return LOCAL_NAMES.test(hostname) || !hostname.includes(".");
}
