import { program, type AgentProgram } from "./agent-program.js";
import { productById, searchAll, sum } from "./fixtures.js";

/**
 * Multi-turn tasks that keep state in a `session`: `earlier` holds the
 * agent's previous executions in the same session. The test host caps a
 * session at 5 keys (test/workerd-config.ts).
 */

const SHORTLIST = () => searchAll({ category: "climbing", maxPrice: 60 }).slice(0, 10);

export const SESSION_PROGRAMS: readonly AgentProgram[] = [
  {
    name: "saves a shortlist in one turn and totals it in the next",
    apis: ["catalog", "session"],
    earlier: [
      program`
        const { items } = await catalog.search({ category: "climbing", maxPrice: 60 });
        await session.set({ key: "shortlist", value: items.map((p) => ({ id: p.id, price: p.price })) });
        return items.length;
      `,
    ],
    code: program`
      const shortlist = (await session.get({ key: "shortlist" })) as { id: string; price: number }[] | null;
      if (!shortlist) throw new Error("Run the search step first: nothing is saved under 'shortlist'.");
      const total = shortlist.reduce((s, x) => s + x.price, 0);
      return { count: shortlist.length, total };
    `,
    expect: { result: () => ({ count: SHORTLIST().length, total: sum(SHORTLIST().map((p) => p.price)) }) },
  },
  {
    name: "a visit counter incremented across three turns",
    apis: ["session"],
    earlier: [
      program`
        const visits = ((await session.get({ key: "visits" })) as number | null) ?? 0;
        await session.set({ key: "visits", value: visits + 1 });
        return visits + 1;
      `,
      program`
        const visits = ((await session.get({ key: "visits" })) as number | null) ?? 0;
        await session.set({ key: "visits", value: visits + 1 });
        return visits + 1;
      `,
    ],
    code: program`
      const visits = ((await session.get({ key: "visits" })) as number | null) ?? 0;
      await session.set({ key: "visits", value: visits + 1 });
      return visits + 1;
    `,
    expect: { result: () => 3 },
  },
  {
    name: "stores a Map, a Date and a Set and reads back their JSON forms",
    apis: ["session"],
    code: program`
      const seen = new Map([["p-001", 2], ["p-002", 5]]);
      await session.set({
        key: "seen",
        value: { seen, at: new Date(Date.UTC(2026, 0, 15)), tags: new Set(["tent", "stove"]) },
      });
      return await session.get({ key: "seen" });
    `,
    // The conversions README ("Values") documents: Map → object, Date → ISO string, Set → array.
    expect: { result: () => ({ seen: { "p-001": 2, "p-002": 5 }, at: new Date(Date.UTC(2026, 0, 15)).toISOString(), tags: ["tent", "stove"] }) },
  },
  {
    name: "deletes stale cache keys found with list()",
    apis: ["session"],
    earlier: [
      program`
        await session.set({ key: "cache:search", value: [1, 2, 3] });
        await session.set({ key: "cache:rates", value: { EUR: 1 } });
        await session.set({ key: "prefs", value: { currency: "EUR" } });
        return "seeded";
      `,
    ],
    code: program`
      const keys = await session.list();
      const stale = keys.filter((k) => k.startsWith("cache:"));
      const removed = await Promise.all(stale.map((key) => session.delete({ key })));
      return { removed: removed.filter(Boolean).length, left: await session.list() };
    `,
    expect: { result: () => ({ removed: 2, left: ["prefs"] }) },
  },
  {
    name: "resumes a saved cart with destructuring defaults and prices it",
    apis: ["catalog", "session"],
    earlier: [
      program`
        await session.set({ key: "cart", value: { items: ["p-002", "p-010", "p-033"] } });
        return "ok";
      `,
    ],
    code: program`
      const saved = (await session.get({ key: "cart" })) as { items?: string[]; currency?: string } | null;
      const { items = [], currency = "USD" } = saved ?? {};
      const products = await Promise.all(items.map((id) => catalog.get({ id })));
      const total = products.reduce((sum, p) => sum + (p?.price ?? 0), 0);
      return \`\${items.length} items, \${new Intl.NumberFormat("en-US", { style: "currency", currency }).format(total)}\`;
    `,
    expect: {
      result: () => {
        const total = sum(["p-002", "p-010", "p-033"].map((id) => productById(id).price));
        return `3 items, ${new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(total)}`;
      },
    },
  },
  {
    name: "a key that was never set: delete says false and get says null",
    apis: ["session"],
    code: program`
      const existed = await session.delete({ key: "never-set" });
      const value = await session.get({ key: "never-set" });
      return { existed, value };
    `,
    expect: { result: () => ({ existed: false, value: null }) },
  },
  {
    name: "a forgotten await in an earlier turn still stored the value",
    apis: ["session"],
    earlier: [
      program`
        const draft = { title: "Trip plan", stops: ["Lisbon", "Porto"] };
        session.set({ key: "draft", value: draft });
        return "saved";
      `,
    ],
    code: program`
      const draft = await session.get({ key: "draft" });
      return draft ?? "nothing saved";
    `,
    expect: { result: () => ({ title: "Trip plan", stops: ["Lisbon", "Porto"] }) },
  },
];
