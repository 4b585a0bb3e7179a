// The inputs of the warm type-check report (test/bench/check-warm.ts, issue
// 14 point 4): an imported MCP server of IMPORTED_METHODS generated tools,
// and one 30-line agent program for each API set. The programs are meant to
// check clean; the report prints their diagnostics count, so a program that
// no longer fits its APIs shows.

/** Methods of the imported API. */
export const IMPORTED_METHODS = 100;

const KINDS = ["Customer", "Invoice", "Order", "Product", "Shipment", "Ticket", "User", "Warehouse", "Payment", "Report"];
const VERBS = ["get", "list", "create", "update", "delete", "search", "archive", "export", "count", "validate"];

/** The server's tools/list entries: IMPORTED_METHODS tools named e.g. `getCustomer`, with JSON Schemas as MCP servers send them. */
export function importedTools(): Record<string, unknown>[] {
  return Array.from({ length: IMPORTED_METHODS }, (_, i) => {
    const kind = KINDS[i % KINDS.length];
    const verb = VERBS[Math.floor(i / KINDS.length) % VERBS.length];
    return {
      name: `${verb}${kind}`,
      description: `${verb[0].toUpperCase()}${verb.slice(1)} ${kind.toLowerCase()} records in the back office. Returns the matching objects with their ids and timestamps.`,
      inputSchema: {
        type: "object",
        properties: {
          id: { type: "string", description: `The ${kind.toLowerCase()} id.` },
          query: { type: "string", description: "Free-text filter." },
          limit: { type: "integer", minimum: 1, maximum: 100, description: "Page size." },
          status: { type: "string", enum: ["active", "archived", "pending"] },
        },
        additionalProperties: false,
      },
      outputSchema: {
        type: "object",
        properties: {
          items: { type: "array", items: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, updatedAt: { type: "string" } }, required: ["id", "name", "updatedAt"] } },
          total: { type: "number" },
        },
        required: ["items", "total"],
      },
    };
  });
}

/** 30 lines against the demo's APIs (math, catalog, rates, weather; exchange is granted but not called). */
export const DEMO_PROGRAM = `interface Pick { id: string; name: string; priceEur: number }
const cities = ["Lisbon", "Oslo", "Nairobi"];
const now = await Promise.all(cities.map((city) => weather.current({ city, units: "metric" })));
const warm = now.filter((w) => w.temperature > 15).map((w) => w.city);
const outlook = await weather.forecast({ city: cities[0], days: 5 });
const wet = outlook.days.filter((d) => d.precipitation.type !== "none").length;
const picks: Pick[] = [];
let cursor: string | undefined;
do {
  const page = await catalog.search({ category: wet > 2 ? "apparel" : "camping", cursor, limit: 20 });
  for (const item of page.items) {
    if (!item.inStock || item.rating < 4) continue;
    const converted = await rates.convert({ amount: item.price, from: "USD", to: "EUR" });
    picks.push({ id: item.id, name: item.name, priceEur: converted.result });
  }
  cursor = page.nextCursor;
} while (cursor && picks.length < 10);
const total = picks.reduce((sum, p) => sum + p.priceEur, 0);
const mean = await math.add({ a: total, b: 0 });
const latest = await rates.latest({ base: "EUR", symbols: ["USD", "GBP"] });
const byBand = Object.groupBy(picks, (p) => (p.priceEur < 50 ? "cheap" : "dear"));
const summary = Object.entries(byBand).map(([band, items]) => \`\${band}: \${items?.length ?? 0}\`);
try {
  await catalog.get({ id: picks[0]?.id ?? "p-000" });
} catch (error) {
  console.error("lookup failed:", error);
}
const format = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
console.log(summary.join(", "));
return { warm, wet, total: format.format(total), mean: mean / Math.max(picks.length, 1), usd: latest.rates.USD ?? null };`;

/** 30 lines against the imported API of IMPORTED_METHODS methods, granted as `backoffice`. */
export const IMPORTED_PROGRAM = `interface Row { id: string; name: string; updatedAt: string }
const statuses = ["active", "pending"] as const;
const customers: Row[] = [];
for (const status of statuses) {
  const page = await backoffice.listCustomer({ status, limit: 50 });
  customers.push(...page.items);
}
const recent = customers.filter((c) => c.updatedAt >= "2026-01-01");
const invoices = await Promise.all(recent.slice(0, 5).map((c) => backoffice.searchInvoice({ query: c.id, limit: 20 })));
const open = invoices.flatMap((page) => page.items).filter((i) => !i.name.startsWith("paid"));
const orders = await backoffice.countOrder({ status: "pending" });
const tickets = await backoffice.listTicket({ query: "refund", limit: 10 });
const byDay = new Map<string, number>();
for (const t of tickets.items) {
  const day = t.updatedAt.slice(0, 10);
  byDay.set(day, (byDay.get(day) ?? 0) + 1);
}
const busiest = [...byDay].toSorted((a, b) => b[1] - a[1]).slice(0, 3);
try {
  await backoffice.archiveShipment({ id: "s-1" });
} catch (error) {
  console.error("archive failed:", error);
}
const report = await backoffice.exportReport({ query: "weekly" });
const payments = await backoffice.validatePayment({ id: open[0]?.id ?? "none" });
const users = await backoffice.getUser({ id: "u-1" });
const stock = await backoffice.listWarehouse({ limit: 5 });
const names = new Set(stock.items.map((w) => w.name));
const totals = { customers: customers.length, orders: orders.total, reports: report.total, payments: payments.total };
return { totals, busiest, users: users.items.length, warehouses: [...names] };`;
