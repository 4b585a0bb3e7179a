import { program, type AgentProgram } from "./agent-program.js";
import { rate, upstreamTable } from "./fixtures.js";

/**
 * Tasks against the imported `exchange` API, written against its NEW method
 * names (issue 13, declaration consistency): `exchange.getLatestRates({ base?,
 * symbols?: Currency[] })`, with `symbols` sent comma-separated, and
 * `exchange.echo.request({ body })`. Until that rename lands they fail with a
 * CompileError naming the old methods.
 */

export const EXCHANGE_PROGRAMS: readonly AgentProgram[] = [
  {
    name: "[new names] dollar rates for two currencies from getLatestRates",
    apis: ["exchange"],
    code: program`
      const latest = await exchange.getLatestRates({ base: "USD", symbols: ["EUR", "GBP"] });
      return { base: latest.base, date: latest.date, rates: latest.rates };
    `,
    expect: { result: async () => ({ base: "USD", date: (await upstreamTable()).date, rates: { EUR: await rate("USD", "EUR"), GBP: await rate("USD", "GBP") } }) },
  },
  {
    name: "[new names] cross-checks the imported exchange API against rates",
    apis: ["exchange", "rates"],
    code: program`
      const [imported, builtIn] = await Promise.all([
        exchange.getLatestRates({ base: "CHF" }),
        rates.latest({ base: "CHF" }),
      ]);
      const mismatches = Object.keys(builtIn.rates).filter((code) => imported.rates[code] !== builtIn.rates[code]);
      return { currencies: Object.keys(imported.rates).length, mismatches };
    `,
    expect: { result: async () => ({ currencies: Object.keys((await upstreamTable()).rates).length, mismatches: [] }) },
  },
  {
    name: "[new names] echo.request round-trips a JSON body through the gateway",
    apis: ["exchange"],
    code: program`
      const order = { order: 42, items: ["p-001", "p-007"], note: "gift wrap" };
      const echoed = await exchange.echo.request({ body: order });
      const roundTrip = JSON.parse(echoed.body);
      return { method: echoed.method, authorized: echoed.authorized, same: JSON.stringify(roundTrip) === JSON.stringify(order) };
    `,
    // The gateway adds the demo rule's token (README, "Egress"), so the upstream sees an authorized POST.
    expect: { result: () => ({ method: "POST", authorized: true, same: true }) },
  },
];
