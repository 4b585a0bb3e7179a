/** How long a server's tool list is kept before it is asked again. */
export const TOOLS_TTL_MS = 60_000;
/** Wait after a server's first failed listing before the host asks it again; it doubles with each failure in a row. */
export const RETRY_FIRST_MS = 5_000;
/** Longest wait between two listings of a server that keeps failing. */
export const RETRY_MAX_MS = 300_000;
/**
 * How long a tool list that was read may still be offered while refreshing
 * it fails: a server that blips keeps its tools, one that is gone for longer
 * is dropped and shown as unavailable.
 */
export const STALE_IF_ERROR_MS = 600_000;

/**
 * When one imported MCP server's tool list is read again. Listing is the
 * only work an unauthenticated request (GET /v1/apis) can make the host do
 * for a server, so it is bounded per server, not per request: concurrent
 * requests share one listing, a list is reused for TOOLS_TTL_MS, and after a
 * failure the server is not asked again before its backoff (RETRY_FIRST_MS,
 * doubling up to RETRY_MAX_MS) has passed, however many requests come.
 */
export class ListingSchedule<T> {
  #value: { value: T; at: number } | undefined;
  #failures = 0;
  #retryAt = 0;
  #inflight: Promise<T | undefined> | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * The list to offer now: the cached one while fresh; otherwise one
   * `read()` shared by every caller meanwhile. A failed read reports its
   * error to `failed` once and answers the last list while it is within
   * STALE_IF_ERROR_MS, else undefined. During a backoff, answers that
   * without reading.
   */
  get(read: () => Promise<T>, failed: (error: unknown) => void): Promise<T | undefined> {
    const now = this.now();
    if (this.#value !== undefined && now - this.#value.at < TOOLS_TTL_MS) return Promise.resolve(this.#value.value);
    if (this.#inflight !== undefined) return this.#inflight;
    if (now < this.#retryAt) return Promise.resolve(this.#stale(now));
    this.#inflight = read().then(
      (value) => {
        this.#value = { value, at: this.now() };
        this.#failures = 0;
        this.#retryAt = 0;
        return value;
      },
      (error: unknown) => {
        this.#failures++;
        this.#retryAt = this.now() + Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (this.#failures - 1));
        failed(error);
        return this.#stale(this.now());
      },
    );
    return this.#inflight.finally(() => {
      this.#inflight = undefined;
    });
  }

  #stale(now: number): T | undefined {
    return this.#value !== undefined && now - this.#value.at < STALE_IF_ERROR_MS ? this.#value.value : undefined;
  }
}
