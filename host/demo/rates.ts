import { ApiError } from "../../api-types/call-errors.js";
import type { ApiCallContext, ApiImplementation } from "../../api-types/define.js";
import type { CURRENCIES, ratesApi } from "../../api-types/rates.js";

/** The demo upstream's origin; the egress rule "demo-rates" allows it and injects its token. */
const UPSTREAM = "http://rates.demo.invalid";

interface LatestRates {
  /** The upstream quotes exactly the contract's currencies. */
  base: (typeof CURRENCIES)[number];
  date: string;
  rates: Record<string, number>;
}

/**
 * Fetches rates through the execution's egress gateway; the implementation
 * never holds the token. Every failure, a refused or failed request (past
 * the execution's egress limit, say), an error status or a body that is not
 * JSON, is the contract's UpstreamError.
 */
async function fetchLatest(context: ApiCallContext, base: string, symbols?: readonly string[]): Promise<LatestRates> {
  const url = new URL("/v1/latest", UPSTREAM);
  url.searchParams.set("base", base);
  if (symbols !== undefined && symbols.length > 0) url.searchParams.set("symbols", symbols.join(","));
  let status: number;
  let body: LatestRates & { error?: string };
  try {
    const response = await context.fetch(url);
    status = response.status;
    body = (await response.json()) as LatestRates & { error?: string };
  } catch (error) {
    throw new ApiError("UpstreamError", `The rates upstream could not be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (status < 200 || status > 299) throw new ApiError("UpstreamError", `The rates upstream answered ${status}: ${body.error ?? "no reason given"}`);
  return body;
}

export const ratesImplementation: ApiImplementation<typeof ratesApi> = {
  latest: ({ base = "EUR", symbols }, context) => fetchLatest(context, base, symbols),
  convert: async ({ amount, from, to }, context) => {
    const { rates, date } = await fetchLatest(context, from, [to]);
    const rate = rates[to];
    return { amount, from, to, rate, result: Math.round(amount * rate * 10_000) / 10_000, date };
  },
};
