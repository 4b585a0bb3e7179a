/**
 * Compares a presented token with the configured one in constant time
 * (crypto.subtle.timingSafeEqual over SHA-256 digests, so lengths do not
 * leak either). False for anything that is not a non-empty string.
 */
export async function tokenMatches(presented: unknown, expected: string): Promise<boolean> {
  if (typeof presented !== "string" || presented === "" || presented.length > 4096) return false;
  const encoder = new TextEncoder();
  const [a, b] = await Promise.all([crypto.subtle.digest("SHA-256", encoder.encode(presented)), crypto.subtle.digest("SHA-256", encoder.encode(expected))]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(request: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
}
