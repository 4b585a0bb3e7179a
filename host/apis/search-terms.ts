/**
 * The words search compares: names split at camelCase, snake_case and
 * punctuation, lower-cased, and reduced to a stem by a small suffix
 * stripper, so that "issues", "issue" and "issued" meet, as do "create",
 * "created" and "creating". Synonym-free: only forms of one word meet.
 */

/** A stem keeps at least this many characters; shorter words are left whole. */
const MIN_STEM_CHARS = 3;

/** Endings stripped after the plural, first match only, with what replaces them. */
const SUFFIXES: readonly (readonly [string, string])[] = [
  ["ization", "iz"],
  ["ation", "at"],
  ["ied", "y"],
  ["ing", ""],
  ["ed", ""],
];

/**
 * Words too common to say anything about a method. Left out of a query
 * unless the query holds nothing else.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  "a an and any are as at be by can do does for from how i in into is it its me my of on or that the their this to using via what which with".split(" "),
);

/** Splits text into lower-case words: "addLabels to issue_comments" → add, labels, to, issue, comments. */
export function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const cut = (word: string, suffix: string, replacement: string) => word.slice(0, word.length - suffix.length) + replacement;

/** The stem of one lower-case word: plural first, then one verb or noun ending, then a final "e". */
export function stem(word: string): string {
  if (word.length <= MIN_STEM_CHARS || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  if (w.endsWith("ies") && w.length > MIN_STEM_CHARS + 1) w = cut(w, "ies", "y");
  else if (w.endsWith("sses")) w = cut(w, "es", "");
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = cut(w, "s", "");
  const suffix = SUFFIXES.find(([ending]) => w.endsWith(ending) && w.length - ending.length >= MIN_STEM_CHARS);
  if (suffix !== undefined) w = cut(w, suffix[0], suffix[1]);
  if (w.endsWith("e") && w.length > MIN_STEM_CHARS) w = cut(w, "e", "");
  return w;
}

/** The distinct stems of `text`, at most `max` of them, in order of first appearance. */
export function stemsOf(text: string, max = Number.POSITIVE_INFINITY): string[] {
  const stems = new Set<string>();
  for (const word of splitWords(text)) {
    if (stems.size >= max) break;
    stems.add(stem(word));
  }
  return [...stems];
}

/** The query's distinct stems without stop words (unless nothing else is left), at most `max`. */
export function queryTerms(query: string, max: number): string[] {
  const words = splitWords(query);
  const meaningful = words.filter((word) => !STOP_WORDS.has(word));
  return stemsOf((meaningful.length > 0 ? meaningful : words).join(" "), max);
}
