import { expect } from "vitest";
import { program, type AgentProgram } from "./agent-program.js";
import { round, sum, weatherForecast, weatherNow } from "./fixtures.js";

/**
 * Weather tasks against `weather` (some with `math`), as models write them.
 * Expected results come from the demo implementation's own functions; one
 * program is checked by invariants instead, which a wrong program breaks.
 */

const weekday = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "short", day: "numeric", timeZone: "UTC" });

export const WEATHER_PROGRAMS: readonly AgentProgram[] = [
  {
    name: "ranks five cities by temperature",
    apis: ["weather"],
    code: program`
      const cities = ["Lisbon", "Oslo", "Cairo", "Tokyo", "Lima"];
      const reports = await Promise.all(cities.map((city) => weather.current({ city })));
      const ranked = reports.toSorted((a, b) => b.temperature - a.temperature);
      return ranked.map((r) => \`\${r.city}: \${r.temperature}°C, \${r.conditions}\`);
    `,
    expect: {
      result: async () => {
        const reports = await Promise.all(["Lisbon", "Oslo", "Cairo", "Tokyo", "Lima"].map((city) => weatherNow(city)));
        return reports.sort((a, b) => b.temperature - a.temperature).map((r) => `${r.city}: ${r.temperature}°C, ${r.conditions}`);
      },
    },
  },
  {
    name: "describes every alert with a switch over its kind",
    apis: ["weather"],
    code: program`
      const cities = ["Lima", "Tokyo", "Nairobi", "Oslo"];
      const messages: string[] = [];
      for (const city of cities) {
        const now = await weather.current({ city, units: "imperial" });
        for (const alert of now.alerts) {
          switch (alert.kind) {
            case "heat":
              messages.push(\`\${city}: heat \${alert.severity}, peak \${alert.peakTemperature}°F\`);
              break;
            case "wind":
              messages.push(\`\${city}: wind gusts \${alert.gustSpeed} mph\`);
              break;
            case "flood":
              messages.push(\`\${city}: flood \${alert.severity} in \${alert.areas.join(" and ")}\`);
              break;
          }
        }
      }
      return messages.length ? messages : "no alerts";
    `,
    expect: {
      result: async () => {
        const messages: string[] = [];
        for (const city of ["Lima", "Tokyo", "Nairobi", "Oslo"]) {
          for (const alert of (await weatherNow(city, "imperial")).alerts) {
            if (alert.kind === "heat") messages.push(`${city}: heat ${alert.severity}, peak ${alert.peakTemperature}°F`);
            if (alert.kind === "wind") messages.push(`${city}: wind gusts ${alert.gustSpeed} mph`);
            if (alert.kind === "flood") messages.push(`${city}: flood ${alert.severity} in ${alert.areas.join(" and ")}`);
          }
        }
        return messages;
      },
    },
  },
  {
    name: "counts wet days in a week and finds the driest, narrowing the precipitation union",
    apis: ["weather"],
    code: program`
      const { days } = await weather.forecast({ city: "Bergen", days: 7 });
      let wetDays = 0;
      let totalMm = 0;
      for (const d of days) {
        if (d.precipitation.type !== "none") {
          wetDays++;
          totalMm += d.precipitation.millimeters;
        }
      }
      const mm = (d: (typeof days)[number]) => (d.precipitation.type === "none" ? 0 : d.precipitation.millimeters);
      const driest = days.toSorted((a, b) => mm(a) - mm(b))[0];
      return { wetDays, totalMm: Math.round(totalMm * 10) / 10, driest: driest.date };
    `,
    expect: {
      result: async () => {
        const { days } = await weatherForecast("Bergen", 7);
        const mm = days.map((d) => (d.precipitation.type === "none" ? 0 : d.precipitation.millimeters));
        const driest = days[mm.indexOf(Math.min(...mm))];
        return { wetDays: mm.filter((_, i) => days[i].precipitation.type !== "none").length, totalMm: round(sum(mm), 1), driest: driest.date };
      },
    },
  },
  {
    name: "plans the weekends of the next two weeks with Date math and Intl.DateTimeFormat",
    apis: ["weather"],
    code: program`
      const forecast = await weather.forecast({ city: "Madrid", days: 14 });
      const fmt = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "short", day: "numeric", timeZone: "UTC" });

      const weekend = forecast.days.filter((d) => {
        const day = new Date(\`\${d.date}T00:00:00Z\`).getUTCDay();
        return day === 0 || day === 6;
      });

      return weekend.map((d) => ({
        when: fmt.format(new Date(d.date)),
        goodForHiking: d.high >= 12 && d.precipitation.type === "none",
      }));
    `,
    expect: {
      check: async (result) => {
        const { days } = await weatherForecast("Madrid", 14);
        const weekend = days.filter((d) => [0, 6].includes(new Date(`${d.date}T00:00:00Z`).getUTCDay()));
        // Two weeks hold exactly two weekends: four days, each named Saturday or Sunday.
        expect(weekend).toHaveLength(4);
        const rows = result as { when: string; goodForHiking: boolean }[];
        expect(rows.map((r) => r.when)).toEqual(weekend.map((d) => weekday.format(new Date(d.date))));
        expect(rows.every((r) => /^(Saturday|Sunday), /.test(r.when))).toBe(true);
        expect(rows.map((r) => r.goodForHiking)).toEqual(weekend.map((d) => d.high >= 12 && d.precipitation.type === "none"));
      },
    },
  },
  {
    name: "checks that imperial and metric readings agree",
    apis: ["weather"],
    code: program`
      const city = "Denver";
      const [c, f] = await Promise.all([
        weather.current({ city, units: "metric" }),
        weather.current({ city, units: "imperial" }),
      ]);
      const expectedF = c.temperature * 9 / 5 + 32;
      return {
        celsius: c.temperature,
        fahrenheit: f.temperature,
        consistent: Math.abs(expectedF - f.temperature) < 0.2,
      };
    `,
    expect: {
      result: async () => {
        const [c, f] = [await weatherNow("Denver", "metric"), await weatherNow("Denver", "imperial")];
        return { celsius: c.temperature, fahrenheit: f.temperature, consistent: Math.abs(c.temperature * 1.8 + 32 - f.temperature) < 0.2 };
      },
    },
  },
  {
    name: "groups ten days by conditions and gives packing advice from a helper",
    apis: ["weather"],
    code: program`
      const { days } = await weather.forecast({ city: "Edinburgh", days: 10 });
      const byConditions = Object.groupBy(days, (d) => d.conditions);

      const advice = (c: string): string =>
        ({ rain: "umbrella", storm: "stay in", snow: "boots", clear: "sunglasses" } as Record<string, string>)[c] ?? "jacket";

      return Object.entries(byConditions)
        .map(([conditions, list]) => ({ conditions, days: list!.length, bring: advice(conditions) }))
        .toSorted((a, b) => b.days - a.days || a.conditions.localeCompare(b.conditions));
    `,
    expect: {
      result: async () => {
        const { days } = await weatherForecast("Edinburgh", 10);
        const advice: Record<string, string> = { rain: "umbrella", storm: "stay in", snow: "boots", clear: "sunglasses" };
        const counts = new Map<string, number>();
        for (const d of days) counts.set(d.conditions, (counts.get(d.conditions) ?? 0) + 1);
        return [...counts]
          .map(([conditions, n]) => ({ conditions, days: n, bring: advice[conditions] ?? "jacket" }))
          .sort((a, b) => b.days - a.days || a.conditions.localeCompare(b.conditions));
      },
    },
  },
  {
    name: "average humidity over eight cities through math.stats",
    apis: ["weather", "math"],
    code: program`
      const cities = ["Lisbon", "Oslo", "Cairo", "Tokyo", "Lima", "Quito", "Perth", "Seattle"];
      const humidity = await Promise.all(
        cities.map(async (city) => (await weather.current({ city })).humidity)
      );
      const { mean, min, max } = await math.stats({ values: humidity });
      const humid = cities.filter((_, i) => humidity[i] > mean);
      return { mean: Math.round(mean), range: [min, max], humid };
    `,
    expect: {
      result: async () => {
        const cities = ["Lisbon", "Oslo", "Cairo", "Tokyo", "Lima", "Quito", "Perth", "Seattle"];
        const humidity = await Promise.all(cities.map(async (city) => (await weatherNow(city)).humidity));
        const mean = sum(humidity) / humidity.length;
        return { mean: Math.round(mean), range: [Math.min(...humidity), Math.max(...humidity)], humid: cities.filter((_, i) => humidity[i] > mean) };
      },
    },
  },
  {
    name: "finds the coldest night ahead across cities with a reduce over forecasts",
    apis: ["weather"],
    code: program`
      const cities = ["Reykjavik", "Quito", "Sydney"];
      const forecasts = await Promise.all(cities.map((city) => weather.forecast({ city, days: 5 })));

      const coldest = forecasts
        .flatMap((f) => f.days.map((d) => ({ city: f.city, date: d.date, low: d.low })))
        .reduce((min, cur) => (cur.low < min.low ? cur : min));

      return \`Coldest: \${coldest.city} on \${coldest.date} (\${coldest.low}°C)\`;
    `,
    expect: {
      result: async () => {
        const nights = [];
        for (const city of ["Reykjavik", "Quito", "Sydney"]) {
          for (const d of (await weatherForecast(city, 5)).days) nights.push({ city, date: d.date, low: d.low });
        }
        const coldest = nights.reduce((min, cur) => (cur.low < min.low ? cur : min));
        return `Coldest: ${coldest.city} on ${coldest.date} (${coldest.low}°C)`;
      },
    },
  },
];
