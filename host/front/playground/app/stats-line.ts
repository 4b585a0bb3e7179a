import type { ExecutionStats } from "../../../../api-types/execution.js";

/**
 * An execution's stats as one readable line, e.g.
 * "17 ms · 2 API calls · 1,234 fuel · egress: api.example.com GET 200".
 * What was cut or left running is named only when it happened.
 */

const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

export function statsLine(stats: ExecutionStats): string {
  const parts = [`${Math.round(stats.wallMs).toLocaleString("en-US")} ms`, count(stats.apiCalls, "API call"), `${stats.fuelUsed.toLocaleString("en-US")} fuel`];
  if (stats.unawaitedCalls > 0) parts.push(`${count(stats.unawaitedCalls, "call")} not awaited`);
  const egress = stats.egress.map((record) => `${record.host} ${record.method} ${record.refused ?? record.status ?? "no answer"}`);
  parts.push(egress.length === 0 ? "no egress" : `egress: ${egress.join(", ")}`);
  if (stats.logsDropped > 0) parts.push(`${count(stats.logsDropped, "log")} dropped or cut`);
  if (stats.truncated.result) parts.push("result truncated");
  return parts.join(" · ");
}
