// The Markdown table `npm run test:imports` prints: one row per spec, and one
// for the tricky MCP server, from the rows test/imports/run.mjs collects.

const count = (n) => n.toLocaleString("en-US");
const chars = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${Math.round(n / 1e3)} k` : String(n));
const seconds = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);
const percent = (part, whole) => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;

function validity(tsc) {
  if (tsc.failure) return `unknown: ${tsc.failure}`;
  const codes = Object.entries(tsc.codes).sort((a, b) => b[1] - a[1]);
  return codes.length === 0 ? "yes" : `no: ${codes.map(([code, n]) => `${count(n)} × ${code}`).join(", ")}`;
}

/** The four replay columns: examples replayed, accepted clean, accepted with a warning, rejected. */
function replayCells(replay) {
  if (replay === undefined) return ["—", "—", "—", "—"];
  const aside = [replay.skipped > 0 && `${count(replay.skipped)} past the cap`, replay.untraced > 0 && `${count(replay.untraced)} of untraced operations`].filter(Boolean);
  return [`${count(replay.examples)}${aside.length > 0 ? ` (not replayed: ${aside.join(", ")})` : ""}`, count(replay.clean), count(replay.warned), count(replay.rejected)];
}

function specCells(row) {
  const degraded = row.noted + row.silent;
  const total = row.found + row.misses.length;
  return [
    row.methods === row.specOperations ? count(row.methods) : `${count(row.methods)} of ${count(row.specOperations)}`,
    `${percent(degraded, row.methods)} (${row.noted} noted, ${row.silent} silent${row.unmatched > 0 ? `; ${row.unmatched} methods not traced to the spec` : ""})`,
    `${row.found}/${total}`,
    `${chars(row.largestAnswer)} chars`,
  ];
}

function mcpCells(row) {
  return [
    `${count(row.methods)} of ${count(row.served)} tools (${row.leftOutNoted} left out with a note)`,
    `${percent(row.noted, row.methods)} (${row.noted} loosely typed with a note, ${row.lost} tools lost without a note)`,
    "—",
    "—",
  ];
}

function cells(row) {
  if (row.failure !== undefined) return [row.label, "—", `import failed: ${row.failure}`, ...Array(HEADER.length - 3).fill("—")];
  const [ops, degraded, search, answer] = row.kind === "mcp" ? mcpCells(row) : specCells(row);
  return [
    row.label,
    ops,
    `${chars(row.declarationChars)} chars`,
    validity(row.tsc),
    degraded,
    search,
    answer,
    `${seconds(row.importMs)} + ${seconds(row.declareMs)}`,
    `${row.heapHeldMb} MB held, ${row.peakRssMb} MB peak RSS`,
    ...replayCells(row.replay),
  ];
}

const HEADER = [
  "spec",
  "ops",
  "declarations",
  "valid TS? (tsc --strict)",
  "schemas degraded",
  "search top-5",
  "largest search answer",
  "import + declare",
  "memory",
  "2xx examples replayed",
  "accepted clean",
  "accepted with a warning",
  "rejected",
];

/** The rows as a GitHub-flavoured Markdown table. */
export function markdownTable(rows) {
  const lines = [HEADER, HEADER.map(() => "---"), ...rows.map(cells)];
  return lines.map((line) => `| ${line.map((cell) => String(cell).replaceAll("|", "\\|")).join(" | ")} |`).join("\n");
}
