import { program, type AgentProgram } from "./agent-program.js";
import { productById, rate, round, upstreamTable } from "./fixtures.js";

/** Currency tasks against `rates` (and its upstream over fetch), as models write them. */

const convert = async (amount: number, from: string, to: string) => round(amount * (await rate(from, to)), 4);

export const RATES_PROGRAMS: readonly AgentProgram[] = [
  {
    name: "converts one amount into three currencies in parallel",
    apis: ["rates"],
    code: program`
      const targets = ["EUR", "GBP", "JPY"] as const;
      const conversions = await Promise.all(
        targets.map((to) => rates.convert({ amount: 250, from: "USD", to }))
      );
      return Object.fromEntries(conversions.map((c) => [c.to, c.result]));
    `,
    expect: { result: async () => ({ EUR: await convert(250, "USD", "EUR"), GBP: await convert(250, "USD", "GBP"), JPY: await convert(250, "USD", "JPY") }) },
  },
  {
    name: "finds the most valuable currency against the dollar and formats the date",
    apis: ["rates"],
    code: program`
      const { rates: table, date } = await rates.latest({ base: "USD", symbols: ["EUR", "GBP", "CHF", "CAD"] });
      const [strongest] = Object.entries(table).toSorted(([, a], [, b]) => a - b);
      const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(date));
      return \`As of \${when}, 1 USD buys only \${strongest[1]} \${strongest[0]}\`;
    `,
    expect: {
      result: async () => {
        const quotes = await Promise.all(["EUR", "GBP", "CHF", "CAD"].map(async (code) => [code, await rate("USD", code)] as const));
        const [code, value] = quotes.sort((a, b) => a[1] - b[1])[0];
        const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date((await upstreamTable()).date));
        return `As of ${when}, 1 USD buys only ${value} ${code}`;
      },
    },
  },
  {
    name: "round-trips 100 EUR through SEK",
    apis: ["rates"],
    code: program`
      const there = await rates.convert({ amount: 100, from: "EUR", to: "SEK" });
      const back = await rates.convert({ amount: there.result, from: "SEK", to: "EUR" });
      const lost = 100 - back.result;
      console.log(\`lost \${lost.toFixed(4)} EUR to rounding\`);
      return { sek: there.result, eur: back.result };
    `,
    expect: {
      result: async () => {
        const sek = await convert(100, "EUR", "SEK");
        return { sek, eur: await convert(sek, "SEK", "EUR") };
      },
    },
  },
  {
    name: "reads the upstream directly with fetch and URLSearchParams",
    apis: ["rates"],
    code: program`
      const url = new URL("http://rates.demo.invalid/v1/latest");
      url.searchParams.set("base", "GBP");
      url.searchParams.set("symbols", "USD,EUR");

      const res = await fetch(url);
      if (!res.ok) throw new Error(\`HTTP \${res.status}\`);
      const data: { base: string; rates: Record<string, number> } = await res.json();
      return data.rates;
    `,
    expect: { result: async () => ({ USD: await rate("GBP", "USD"), EUR: await rate("GBP", "EUR") }) },
  },
  {
    name: "prices a tent in three currencies with a Map as a rate cache",
    apis: ["catalog", "rates"],
    code: program`
      const product = await catalog.get({ id: "p-001" });
      if (!product) return null;

      const cache = new Map<string, number>();
      async function priceIn(currency: "EUR" | "GBP" | "JPY") {
        if (!cache.has(currency)) {
          const { rate } = await rates.convert({ amount: 1, from: "USD", to: currency });
          cache.set(currency, rate);
        }
        return Math.round(product!.price * cache.get(currency)! * 100) / 100;
      }

      const prices = {
        EUR: await priceIn("EUR"),
        GBP: await priceIn("GBP"),
        JPY: await priceIn("JPY"),
        EURAgain: await priceIn("EUR"),
      };
      return { name: product.name, prices, lookups: cache.size };
    `,
    expect: {
      result: async () => {
        const tent = productById("p-001");
        const inCurrency = async (code: string) => round(tent.price * (await rate("USD", code)), 2);
        const eur = await inCurrency("EUR");
        return { name: tent.name, prices: { EUR: eur, GBP: await inCurrency("GBP"), JPY: await inCurrency("JPY"), EURAgain: eur }, lookups: 3 };
      },
    },
  },
  {
    name: "a spread table of every quoted currency against CHF, sorted descending",
    apis: ["rates"],
    code: program`
      const { base, rates: all } = await rates.latest({ base: "CHF" });
      const rows = Object.entries(all)
        .filter(([code]) => code !== base)
        .toSorted((a, b) => b[1] - a[1])
        .map(([code, r]) => \`\${code.padEnd(4)}\${r.toFixed(3).padStart(10)}\`);
      return rows.join("\n");
    `,
    expect: {
      result: async () => {
        const { rates } = await upstreamTable();
        const rows = await Promise.all(Object.keys(rates).filter((code) => code !== "CHF").map(async (code) => [code, await rate("CHF", code)] as const));
        return rows
          .sort((a, b) => b[1] - a[1])
          .map(([code, r]) => `${code.padEnd(4)}${r.toFixed(3).padStart(10)}`)
          .join("\n");
      },
    },
  },
];
