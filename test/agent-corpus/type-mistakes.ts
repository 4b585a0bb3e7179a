import { program, type AgentProgram } from "./agent-program.js";

/**
 * Mistakes the type check catches before anything runs: each must be a
 * CompileError with a diagnostic on the agent's line, and TypeScript's hint
 * where it gives one ("Did you forget to use 'await'?").
 */

const AWAIT_HINT = /Did you forget to use 'await'\?/;

export const TYPE_MISTAKES: readonly AgentProgram[] = [
  {
    name: "arithmetic on an un-awaited math.add",
    apis: ["math"],
    code: program`
      const subtotal = math.add({ a: 19.99, b: 5.01 });
      const withTax = subtotal * 1.2;
      return withTax;
    `,
    expect: { error: { name: "CompileError", line: 2, hint: AWAIT_HINT } },
  },
  {
    name: "reading .items of an un-awaited search",
    apis: ["catalog"],
    code: program`
      const page = catalog.search({ query: "tent" });
      return page.items.map((p) => p.name);
    `,
    expect: { error: { name: "CompileError", line: 2, message: /Property 'items' does not exist/, hint: AWAIT_HINT } },
  },
  {
    name: "units: 'fahrenheit' instead of the enum's 'imperial'",
    apis: ["weather"],
    code: program`
      const city = "Boston";
      const now = await weather.current({ city, units: "fahrenheit" });
      return now.temperature;
    `,
    expect: { error: { name: "CompileError", line: 2, message: /"fahrenheit"/ } },
  },
  {
    name: "a category that does not exist ('outdoor')",
    apis: ["catalog"],
    code: program`
      const { items } = await catalog.search({
        category: "outdoor",
        maxPrice: 100,
      });
      return items.map((p) => p.name);
    `,
    expect: { error: { name: "CompileError", line: 2, message: /"outdoor"/ } },
  },
  {
    name: "a lower-case currency code",
    apis: ["rates"],
    code: program`
      const amount = 49.99;
      const res = await rates.convert({ amount, from: "usd", to: "EUR" });
      return res.result;
    `,
    expect: { error: { name: "CompileError", line: 2, message: /"usd"/ } },
  },
  {
    name: "symbols as a comma-separated string",
    apis: ["rates"],
    code: program`
      const latest = await rates.latest({ base: "EUR", symbols: "USD,GBP" });
      return latest.rates;
    `,
    expect: { error: { name: "CompileError", line: 1, message: /Type 'string' is not assignable/ } },
  },
  {
    name: "a misspelled method name",
    apis: ["weather"],
    code: program`
      const cities = ["Paris", "Rome"];
      const forecasts = await Promise.all(
        cities.map((city) => weather.getForecast({ city, days: 3 }))
      );
      return forecasts;
    `,
    expect: { error: { name: "CompileError", line: 3, message: /Property 'getForecast' does not exist/ } },
  },
  {
    name: "a property the product does not have (stock instead of inStock)",
    apis: ["catalog"],
    code: program`
      const { items } = await catalog.search({ category: "kitchen" });
      const available = items.filter((p) => p.stock > 0);
      return available.length;
    `,
    expect: { error: { name: "CompileError", line: 2, message: /Property 'stock' does not exist/ } },
  },
  {
    name: "a bare string instead of the input object",
    apis: ["catalog"],
    code: program`
      // find tents
      const results = await catalog.search("tent");
      return results.items.slice(0, 3);
    `,
    expect: { error: { name: "CompileError", line: 2, message: /"tent"/ } },
  },
  {
    name: "a nullable get used without a null check",
    apis: ["catalog"],
    code: program`
      const product = await catalog.get({ id: "p-404" });
      return \`\${product.name} costs \${product.price}\`;
    `,
    expect: { error: { name: "CompileError", line: 2, message: /'product' is possibly 'null'/ } },
  },
  {
    name: "a group of Object.groupBy used as if it were always there",
    apis: ["catalog"],
    code: program`
      const { items } = await catalog.search({ limit: 50 });
      const grouped = Object.groupBy(items, (p) => p.category);
      return grouped.camping.length;
    `,
    expect: { error: { name: "CompileError", line: 3, message: /possibly 'undefined'/ } },
  },
  {
    name: "for...in over an array yields indexes, not products",
    apis: ["catalog"],
    code: program`
      const { items } = await catalog.search({ category: "books" });
      let total = 0;
      for (const p in items) {
        total += p.price;
      }
      return total;
    `,
    expect: { error: { name: "CompileError", line: 4, message: /Property 'price' does not exist on type 'string'/ } },
  },
  {
    name: "an API the execution was not granted",
    apis: ["math"],
    code: program`
      const s = await math.stats({ values: [18, 21, 24] });
      const now = await weather.current({ city: "Oslo" });
      return now.temperature > s.mean;
    `,
    expect: { error: { name: "CompileError", line: 2, message: /Cannot find name 'weather'/ } },
  },
];
