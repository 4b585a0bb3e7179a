/**
 * Programs for the type check's budget (host/execution/check/check-budget.ts): bombs that
 * make the checker work without bound, each within the code size limit, and
 * realistic agent programs that must stay far below the budget. Shared by
 * test/workerd/execution/check-budget.test.ts and `npm run bench:check`.
 */

const tupleRecursion = 'type C<N extends number, A extends unknown[]> = A["length"] extends N ? A : C<N, [...A, A["length"]]>;';
const digits = 'type D = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";\ntype U = `${D}${D}${D}${D}`;';

export const CHECK_BOMBS: Readonly<Record<string, string>> = {
  // The red team's: 3.7 KB that took the host's workerd to a 1.4 GB heap.
  "recursive conditional types building tuples, 60 times": [
    tupleRecursion,
    ...Array.from({ length: 60 }, (_, i) => `type X${i} = C<${998 - i}, ["s", 1]>; const x${i}: X${i} = null as any;`),
  ].join("\n"),
  "a tuple of 8,192 elements grown one element at a time": [
    "type Twice<A extends unknown[]> = [...A, ...A];",
    "type Big = Twice<Twice<Twice<Twice<Twice<Twice<Twice<Twice<Twice<Twice<Twice<Twice<Twice<[0]>>>>>>>>>>>>>;",
    "type Grow<N extends number, A extends unknown[], B extends unknown[] = []> = B['length'] extends N ? A : Grow<N, [...A, 1], [...B, 1]>;",
    ...Array.from({ length: 20 }, (_, i) => `type Y${i} = Grow<${900 - i}, Big>; const y${i}: Y${i} = null as any;`),
  ].join("\n"),
  "two unions of 10,000 object types related to each other": [
    digits,
    "type O = { [K in U]: { k: K; v: number } }[U];",
    "type O2 = { [K in U]: { k: K; v: number; w?: string } }[U];",
    "const a: O = null as any;",
    "const b: O2 = a;",
    "const c: O = b;",
  ].join("\n"),
};

export const REALISTIC_PROGRAMS: Readonly<Record<string, string>> = {
  "paging through every category": `
const categories = await catalog.categories();
const all = [];
for (const category of ["camping", "climbing", "books"] as const) {
  let cursor: string | undefined;
  do {
    const page = await catalog.search({ category, cursor, limit: 20 });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
}
const byCategory = Object.groupBy(all, (p) => p.category);
const counts = new Map<string, number>();
for (const [k, v] of Object.entries(byCategory)) counts.set(k, v?.length ?? 0);
return { categories: categories.length, top: [...counts].toSorted((a, b) => b[1] - a[1]).slice(0, 3) };`,
  "fan-out with helpers and a class": `
class Stats {
  private readonly values: number[] = [];
  add(value: number): this { this.values.push(value); return this; }
  get mean(): number { return this.values.reduce((a, b) => a + b, 0) / Math.max(this.values.length, 1); }
}
interface Row { city: string; temp: number }
const cities = ["Lisbon", "Oslo", "Nairobi"];
const rows: Row[] = await Promise.all(cities.map(async (city) => {
  const now = await weather.current({ city, units: "metric" });
  return { city, temp: now.temperature };
}));
const stats = rows.reduce((s, r) => s.add(r.temp), new Stats());
const format = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const due = new Date(Date.UTC(2026, 0, 31));
due.setUTCDate(due.getUTCDate() + 30);
const sum = await math.add({ a: 1, b: 2 });
try {
  await math.stats({ values: [] });
} catch (error) {
  console.error("stats failed:", error);
}
return { mean: format.format(stats.mean), due: due.toISOString().slice(0, 10), sum, warm: new Set(rows.filter((r) => r.temp > 15).map((r) => r.city)) };`,
};
