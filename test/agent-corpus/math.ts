import { program, type AgentProgram } from "./agent-program.js";
import { sum } from "./fixtures.js";

/** Arithmetic and statistics tasks against `math`, as models write them. */

/** Population statistics, as the `math.stats` contract describes them. */
function stats(values: readonly number[]) {
  const sorted = values.toSorted((a, b) => a - b);
  const n = sorted.length;
  const mean = sum(sorted) / n;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { mean, median, stdev: Math.sqrt(sum(sorted.map((v) => (v - mean) ** 2)) / n) };
}

export const MATH_PROGRAMS: readonly AgentProgram[] = [
  {
    name: "untyped JavaScript style: a helper without types, an object filled by key, a catch that reads e.message",
    apis: ["math", "catalog"],
    code: program`
      function double(x) {
        return x * 2;
      }
      const totals = {};
      for (const key of ["a", "b"]) {
        totals[key] = await math.add({ a: double(key.length), b: 1 });
      }
      try {
        await catalog.search({ cursor: "not-a-cursor" });
      } catch (e) {
        return { totals, failed: e.name, said: e.message.length > 0 };
      }
    `,
    expect: { result: () => ({ totals: { a: 3, b: 3 }, failed: "InvalidCursorError", said: true }) },
  },
  {
    name: "adds up a list with one math.add call per item",
    apis: ["math"],
    code: program`
      const numbers = [12.5, 7.25, 30, 0.25];
      let total = 0;
      for (const n of numbers) {
        total = await math.add({ a: total, b: n });
      }
      return total;
    `,
    expect: { result: () => 12.5 + 7.25 + 30 + 0.25 },
  },
  {
    name: "stats for several datasets at once with Object.entries and Promise.all",
    apis: ["math"],
    code: program`
      const datasets = { mon: [3, 5, 8], tue: [10, 2, 7, 1], wed: [4] };

      const entries = await Promise.all(
        Object.entries(datasets).map(async ([day, values]) => [day, await math.stats({ values })] as const)
      );

      return Object.fromEntries(entries.map(([day, s]) => [day, { mean: +s.mean.toFixed(2), median: s.median }]));
    `,
    expect: {
      result: () =>
        Object.fromEntries(
          Object.entries({ mon: [3, 5, 8], tue: [10, 2, 7, 1], wed: [4] }).map(([day, values]) => {
            const s = stats(values);
            return [day, { mean: Number(s.mean.toFixed(2)), median: s.median }];
          }),
        ),
    },
  },
  {
    name: "z-scores of exam results from one stats call",
    apis: ["math"],
    code: program`
      const scores = [72, 85, 90, 66, 95, 78];
      const { mean, stdev } = await math.stats({ values: scores });
      return scores.map((x) => Number(((x - mean) / stdev).toFixed(3)));
    `,
    expect: {
      result: () => {
        const scores = [72, 85, 90, 66, 95, 78];
        const { mean, stdev } = stats(scores);
        return scores.map((x) => Number(((x - mean) / stdev).toFixed(3)));
      },
    },
  },
  {
    name: "catches the error of stats over an empty filtered list",
    apis: ["math"],
    code: program`
      const temps = [-3, -1, -7];
      const positives = temps.filter((t) => t > 0);
      let summary: string;
      try {
        const s = await math.stats({ values: positives });
        summary = \`mean \${s.mean}\`;
      } catch (err) {
        summary = "no data: " + (err as Error).message;
      }
      return summary;
    `,
    // The message README ("Try it") documents for an empty list.
    expect: { result: () => "no data: Invalid input for math.stats: values: values must hold at least one number." },
  },
  {
    name: "totals expenses with an async reduce and formats them in euros",
    apis: ["math"],
    code: program`
      const expenses = [
        { label: "rent", amount: 1200 },
        { label: "food", amount: 340.5 },
        { label: "transport", amount: 89.9 },
      ];
      const total = await expenses.reduce(
        async (accP, e) => math.add({ a: await accP, b: e.amount }),
        Promise.resolve(0)
      );
      return new Intl.NumberFormat("de-DE", { style: "currency", currency: "EUR" }).format(total);
    `,
    expect: { result: () => new Intl.NumberFormat("de-DE", { style: "currency", currency: "EUR" }).format(0 + 1200 + 340.5 + 89.9) },
  },
  {
    name: "median of daily medians, with an untyped array that evolves",
    apis: ["math"],
    code: program`
      const week = [
        [2, 4, 4, 5],
        [1, 9],
        [3, 3, 3],
        [10, 0, 5, 6, 2],
      ];
      const medians = [];
      for (const day of week) {
        const { median } = await math.stats({ values: day });
        medians.push(median);
      }
      const overall = await math.stats({ values: medians });
      return { medians, overall: overall.median };
    `,
    expect: {
      result: () => {
        const medians = [[2, 4, 4, 5], [1, 9], [3, 3, 3], [10, 0, 5, 6, 2]].map((day) => stats(day).median);
        return { medians, overall: stats(medians).median };
      },
    },
  },
];
