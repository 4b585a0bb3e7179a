import { program, type AgentProgram } from "./agent-program.js";
import { weatherForecast } from "./fixtures.js";

/**
 * Mistakes models make that type-check and show at run time, each with where
 * it must end: the error's name, the agent's line and a fragment of the
 * message, or the documented outcome of a mistake that does not fail (a value
 * dropped or converted). Type errors are in type-mistakes.ts.
 */

export const RUNTIME_MISTAKES: readonly AgentProgram[] = [
  {
    name: "a session.set without await still lands, with a warning to await it",
    apis: ["session"],
    code: program`
      const prefs = { currency: "EUR", units: "metric" };
      session.set({ key: "prefs", value: prefs });
      return "saved";
    `,
    expect: { result: () => "saved", unawaitedCalls: 1, warn: /still running when the code returned: session\.set.*await/ },
  },
  {
    name: "an un-awaited failing call in a helper fails the run on the call's line",
    apis: ["math"],
    code: program`
      async function logSummary(values: number[]) {
        const s = await math.stats({ values });
        console.log("mean", s.mean);
      }

      const readings: number[] = [];
      logSummary(readings);
      return "done";
    `,
    expect: { error: { name: "UnhandledRejection", line: 2, message: /at least one number/ } },
  },
  {
    name: "a page size above the documented maximum of 50",
    apis: ["catalog"],
    code: program`
      const { items } = await catalog.search({ query: "jacket", limit: 100 });
      return items.length;
    `,
    expect: { error: { name: "ValidationError", line: 1, message: /limit/ } },
  },
  {
    name: "a 30-day forecast, past the 14 days allowed",
    apis: ["weather"],
    code: program`
      const city = "Lisbon";
      const month = await weather.forecast({ city, days: 30 });
      return month.days.filter((d) => d.conditions === "clear").length;
    `,
    expect: { error: { name: "ValidationError", line: 2, message: /days/ } },
  },
  {
    name: "50,000 random samples sent in one call, past the call input limit",
    apis: ["math"],
    code: program`
      const samples = Array.from({ length: 50_000 }, () => Math.random() * 100);
      const s = await math.stats({ values: samples });
      return s.mean;
    `,
    expect: { error: { name: "RangeError", line: 2, message: /262144 characters of JSON/ } },
  },
  {
    name: "throws when the search finds nothing",
    apis: ["catalog"],
    code: program`
      const { items } = await catalog.search({ query: "kayak" });
      if (items.length === 0) {
        throw new Error("No kayaks in the catalog");
      }
      return items[0];
    `,
    expect: { error: { name: "Error", line: 3, message: /^No kayaks in the catalog$/ } },
  },
  {
    name: "a paging loop whose condition never changes burns the fuel",
    apis: ["catalog"],
    fuel: 200_000,
    code: program`
      const all = [];
      const page = await catalog.search({ category: "books", limit: 5 });
      let pages = 0;
      while (page.nextCursor) {
        pages++;
        all.push(...page.items);
      }
      return all.length;
    `,
    expect: { error: { name: "CpuBudgetExceeded", line: 4 } },
  },
  {
    name: "a paging loop that never passes the cursor exhausts the API call budget",
    apis: ["catalog"],
    code: program`
      const names: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await catalog.search({ category: "apparel", limit: 2 });
        names.push(...page.items.map((p) => p.name));
        cursor = page.nextCursor;
      } while (cursor);
      return names;
    `,
    expect: { error: { name: "ApiCallBudgetExceeded", line: 4, message: /at most 1000 API calls/ } },
  },
  {
    name: "JSON.stringify of a Map gives {}",
    apis: ["catalog"],
    code: program`
      const { items } = await catalog.search({ category: "camping" });
      const prices = new Map(items.map((p) => [p.id, p.price]));
      return JSON.stringify(prices);
    `,
    expect: { result: () => JSON.stringify(new Map([["p-001", 1]])) },
  },
  {
    name: "returns the formatter function instead of calling it",
    apis: ["math"],
    code: program`
      const { mean } = await math.stats({ values: [4, 8, 15, 16, 23, 42] });
      const format = () => \`mean is \${mean.toFixed(1)}\`;
      return format;
    `,
    expect: { noResult: true },
  },
  {
    name: "a BigInt factorial comes back as a decimal string",
    apis: ["math"],
    code: program`
      let f = 1n;
      for (let i = 1n; i <= 25n; i++) f *= i;
      return f;
    `,
    expect: {
      result: () => {
        let f = 1n;
        for (let i = 1n; i <= 25n; i++) f *= i;
        return f.toString();
      },
    },
  },
  {
    name: "forgets to return the summary it built",
    apis: ["weather"],
    code: program`
      const now = await weather.current({ city: "Oslo" });
      const summary = \`\${now.city}: \${now.temperature}°, \${now.conditions}\`;
      summary;
    `,
    expect: { noResult: true },
  },
  {
    name: "caches one entry per category, past the session's key cap",
    apis: ["catalog", "session"],
    code: program`
      const categories = ["camping", "climbing", "electronics", "kitchen", "apparel", "books"] as const;
      for (const category of categories) {
        const { items } = await catalog.search({ category, limit: 1 });
        await session.set({ key: \`cheapest:\${category}\`, value: items[0]?.id ?? null });
      }
      return "cached";
    `,
    expect: { error: { name: "SessionLimitExceeded", line: 4, message: /5 keys.*GHOSTWIRE_SESSION_MAX_KEYS/ } },
  },
  {
    name: "one empty city among many fails the whole Promise.all, on the call's line",
    apis: ["weather"],
    code: program`
      const input = "Oslo, Bergen, ,Trondheim";
      const cities = input.split(",").map((c) => c.trim());
      const reports = await Promise.all(cities.map((city) => weather.current({ city })));
      return reports.map((r) => r.temperature);
    `,
    expect: { error: { name: "ValidationError", line: 3, message: /weather\.current: city/ } },
  },
  {
    name: "a Date parsed from English text is invalid and comes back as null",
    apis: ["weather"],
    code: program`
      const { days } = await weather.forecast({ city: "Porto", days: 2 });
      return {
        nextCheck: new Date("next friday at noon"),
        tomorrow: days[0].conditions,
      };
    `,
    // README, "Values": an invalid Date becomes null.
    expect: { result: async () => ({ nextCheck: null, tomorrow: (await weatherForecast("Porto", 2)).days[0].conditions }) },
  },
];
