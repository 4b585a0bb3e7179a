import type { ApiImplementation } from "../../api-types/define.js";
import type { weatherApi } from "../../api-types/weather.js";

/** A fixed clock keeps the demo deterministic: the same city gives the same answer. */
const OBSERVED_AT = Date.UTC(2026, 10, 1, 12, 0, 0);
const CONDITIONS = ["clear", "partly-cloudy", "cloudy", "rain", "storm", "snow", "fog"] as const;
const DIRECTIONS = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"] as const;
type Units = "metric" | "imperial";

/** FNV-1a over the normalized city name and a salt: a stable pseudo-random source. */
function seeded(city: string, salt: string): number {
  let hash = 0x811c9dc5;
  for (const ch of `${city.trim().toLowerCase()}|${salt}`) {
    hash = Math.imul(hash ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  }
  return hash / 0xffffffff;
}

function pick<T>(list: readonly T[], r: number): T {
  return list[Math.min(list.length - 1, Math.floor(r * list.length))];
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const temperature = (celsius: number, units: Units) => round1(units === "metric" ? celsius : celsius * 1.8 + 32);
const speed = (kmh: number, units: Units) => round1(units === "metric" ? kmh : kmh / 1.609344);

export const weatherImplementation: ApiImplementation<typeof weatherApi> = {
  current: ({ city, units = "metric" }) => {
    const celsius = -5 + seeded(city, "t") * 40;
    const windKmh = seeded(city, "w") * 80;
    const alerts = [];
    if (celsius > 30) alerts.push({ kind: "heat" as const, severity: celsius > 33 ? ("warning" as const) : ("advisory" as const), peakTemperature: temperature(celsius + 3, units) });
    if (windKmh > 60) alerts.push({ kind: "wind" as const, severity: "advisory" as const, gustSpeed: speed(windKmh * 1.4, units) });
    if (seeded(city, "f") > 0.85) alerts.push({ kind: "flood" as const, severity: "watch" as const, areas: [`${city.trim()} riverside`, `${city.trim()} old town`] });
    return {
      city: city.trim(),
      units,
      temperature: temperature(celsius, units),
      conditions: pick(CONDITIONS, seeded(city, "c")),
      wind: { speed: speed(windKmh, units), direction: pick(DIRECTIONS, seeded(city, "d")) },
      humidity: Math.round(20 + seeded(city, "h") * 75),
      alerts,
      observedAt: new Date(OBSERVED_AT).toISOString(),
    };
  },
  forecast: ({ city, days = 3, units = "metric" }) => ({
    city: city.trim(),
    units,
    days: Array.from({ length: days }, (_, i) => {
      const base = -5 + seeded(city, `t${i}`) * 38;
      const conditions = pick(CONDITIONS, seeded(city, `c${i}`));
      const wet = conditions === "rain" || conditions === "storm" || conditions === "snow";
      return {
        date: new Date(OBSERVED_AT + (i + 1) * 86_400_000).toISOString().slice(0, 10),
        high: temperature(base + 6, units),
        low: temperature(base - 4, units),
        conditions,
        precipitation: wet
          ? { type: conditions === "snow" ? ("snow" as const) : ("rain" as const), millimeters: round1(seeded(city, `p${i}`) * 30), probability: Math.round(50 + seeded(city, `q${i}`) * 50) }
          : { type: "none" as const },
      };
    }),
  }),
};
