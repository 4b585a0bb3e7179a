import { z } from "zod";
import { defineApi, defineMethod } from "./define.js";

/** The currencies the rates upstream quotes (host/demo/rates-upstream.ts), as ISO 4217 codes. */
export const CURRENCIES = ["EUR", "USD", "GBP", "JPY", "CHF", "SEK", "NOK", "CAD", "AUD", "BRL"] as const;

/** An ISO 4217 code; the union in the declarations says which. */
const currency = z.enum(CURRENCIES, `must be one of the quoted currencies, in upper case: ${CURRENCIES.join(", ")}`);

/** When the implementation throws UpstreamError (host/demo/rates.ts). */
const UPSTREAM_FAILURE = "when the rates service cannot be reached or answers with an error";

export const ratesApi = defineApi({
  name: "rates",
  description:
    "Currency exchange rates from an upstream HTTP service that wants a bearer token (an offline demo at http://rates.demo.invalid; the host's egress gateway adds the token). " +
    "Code granted this API may also fetch the upstream itself, e.g. GET http://rates.demo.invalid/v1/latest?base=EUR, without any credential.",
  egress: ["demo-rates"],
  methods: {
    latest: defineMethod({
      description: "The latest rates against one base currency.",
      input: z.object({
        base: currency.optional().describe("Base currency; default EUR."),
        symbols: z.array(currency).max(50).optional().describe("Only these currencies; default all."),
      }),
      output: z.object({
        base: currency,
        date: z.string().describe("YYYY-MM-DD of the rates."),
        rates: z.record(z.string(), z.number()).describe("Units of each currency per one unit of base."),
      }),
      throws: { UpstreamError: UPSTREAM_FAILURE },
    }),
    convert: defineMethod({
      description: "Converts an amount from one currency to another at the latest rate.",
      input: z.object({
        amount: z.number().finite(),
        from: currency,
        to: currency,
      }),
      output: z.object({
        amount: z.number(),
        from: currency,
        to: currency,
        rate: z.number().describe("Units of `to` per one unit of `from`."),
        result: z.number().describe("amount × rate, rounded to 4 decimals."),
        date: z.string(),
      }),
      throws: { UpstreamError: UPSTREAM_FAILURE },
    }),
  },
});
