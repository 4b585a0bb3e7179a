// The Markdown table `npm run test:imports` prints: one row per spec, from
// the rows test/imports/run.mjs collects.

const count = (n) => n.toLocaleString("en-US");
const chars = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${Math.round(n / 1e3)} k` : String(n));
const seconds = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);

function validity(tsc) {
  if (tsc.failure) return `unknown: ${tsc.failure}`;
  const codes = Object.entries(tsc.codes).sort((a, b) => b[1] - a[1]);
  return codes.length === 0 ? "yes" : `no: ${codes.map(([code, n]) => `${count(n)} × ${code}`).join(", ")}`;
}

function cells(row) {
  if (row.failure !== undefined) return [row.spec.label, "—", `import failed: ${row.failure}`, "—", "—", "—", "—", "—", "—"];
  const degraded = row.noted + row.silent;
  const total = row.found + row.misses.length;
  return [
    row.spec.label,
    row.methods === row.specOperations ? count(row.methods) : `${count(row.methods)} of ${count(row.specOperations)}`,
    `${chars(row.declarationChars)} chars`,
    validity(row.tsc),
    `${((100 * degraded) / Math.max(1, row.methods)).toFixed(1)}% (${row.noted} noted, ${row.silent} silent${row.unmatched > 0 ? `; ${row.unmatched} methods not traced to the spec` : ""})`,
    `${row.found}/${total}`,
    `${chars(row.largestAnswer)} chars`,
    `${seconds(row.importMs)} + ${seconds(row.declareMs)}`,
    `${row.heapHeldMb} MB held, ${row.peakRssMb} MB peak RSS`,
  ];
}

const HEADER = ["spec", "ops", "declarations", "valid TS? (tsc --strict)", "schemas degraded", "search top-5", "largest search answer", "import + declare", "memory"];

/** The rows as a GitHub-flavoured Markdown table. */
export function markdownTable(rows) {
  const lines = [HEADER, HEADER.map(() => "---"), ...rows.map(cells)];
  return lines.map((line) => `| ${line.map((cell) => String(cell).replaceAll("|", "\\|")).join(" | ")} |`).join("\n");
}
