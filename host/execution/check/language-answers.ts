import ts from "typescript";
import type { CompletionItem, HoverAnswer } from "../../../api-types/language.js";

/**
 * Most completion items one answer lists, in TypeScript's order (its sort
 * text, then the name), once narrowed to the word being typed. At a bare
 * position TypeScript offers every global of the ES library, the Workers APIs
 * and the granted APIs, and every keyword, far more than this; an editor
 * shows the first few dozen, and asks again as the user types.
 */
export const MAX_COMPLETION_ITEMS = 100;

/**
 * Of those, how many get a `detail` (the signature) and `documentation`.
 * Each costs TypeScript a symbol lookup and a type printed to text, so this,
 * not the item count, is what an answer's work grows with; the budget of
 * check-budget.ts meters it too.
 */
export const MAX_DETAILED_ITEMS = 50;

/**
 * Longest `detail`, hover `text` or `documentation` kept, in characters;
 * longer is cut with "…". A type printed whole (a union of every literal in a
 * large tuple) or an imported API's description can run to megabytes.
 */
export const MAX_LANGUAGE_TEXT_CHARS = 2_000;

/** Asks TypeScript for what a completion list needs and nothing it would only throw away. */
const COMPLETION_OPTIONS: ts.GetCompletionsAtPositionOptions = {
  includeCompletionsForModuleExports: false,
  includeCompletionsWithInsertText: false,
};

function bounded(text: string): string {
  return text.length > MAX_LANGUAGE_TEXT_CHARS ? `${text.slice(0, MAX_LANGUAGE_TEXT_CHARS - 1)}…` : text;
}

/** The doc comment and its tags (`@param`, `@returns`, `@throws`) as one text; undefined when there is none. */
function documentationOf(documentation: ts.SymbolDisplayPart[] | undefined, tags: ts.JSDocTagInfo[] | undefined): string | undefined {
  const lines = [ts.displayPartsToString(documentation)];
  for (const tag of tags ?? []) lines.push(`@${tag.name} ${ts.displayPartsToString(tag.text)}`.trimEnd());
  const text = lines.filter((line) => line !== "").join("\n");
  return text === "" ? undefined : bounded(text);
}

/**
 * The entries worth offering: not deprecated (an imported API's old method
 * names are declared for the check only, `@deprecated`), and starting with
 * the part of a word typed before `offset` (TypeScript's
 * `optionalReplacementSpan`), ignoring case, when one is being typed.
 * Without the prefix, `wea` at a bare position would get the first hundred
 * globals, not `weather`.
 */
function offered(service: ts.LanguageService, fileName: string, info: ts.CompletionInfo, offset: number): ts.CompletionEntry[] {
  const current = info.entries.filter((entry) => !entry.kindModifiers?.split(",").includes(ts.ScriptElementKindModifier.deprecatedModifier));
  const span = info.optionalReplacementSpan;
  if (span === undefined || span.start >= offset) return current;
  const typed = service.getProgram()?.getSourceFile(fileName)?.text.slice(span.start, offset).toLowerCase() ?? "";
  return current.filter((entry) => entry.name.toLowerCase().startsWith(typed));
}

/**
 * The completions at `offset` of `fileName`: the first MAX_COMPLETION_ITEMS
 * entries, the first MAX_DETAILED_ITEMS of them with their signature and
 * documentation. Synchronous checker work: the caller meters it.
 */
export function completionItems(service: ts.LanguageService, fileName: string, offset: number): CompletionItem[] {
  const info = service.getCompletionsAtPosition(fileName, offset, COMPLETION_OPTIONS);
  if (info === undefined) return [];
  const entries = offered(service, fileName, info, offset).slice(0, MAX_COMPLETION_ITEMS);
  return entries.map((entry, index): CompletionItem => {
    const item: CompletionItem = { name: bounded(entry.name), kind: entry.kind };
    if (index >= MAX_DETAILED_ITEMS) return item;
    const details = service.getCompletionEntryDetails(fileName, offset, entry.name, undefined, entry.source, COMPLETION_OPTIONS, entry.data);
    if (details === undefined) return item;
    const detail = ts.displayPartsToString(details.displayParts);
    const documentation = documentationOf(details.documentation, details.tags);
    return { ...item, ...(detail !== "" && { detail: bounded(detail) }), ...(documentation !== undefined && { documentation }) };
  });
}

/**
 * What a hover at `offset` of `fileName` shows: the symbol's signature as
 * `text` (empty when there is nothing there to describe) and its doc comment.
 * Synchronous checker work: the caller meters it.
 */
export function hoverAnswer(service: ts.LanguageService, fileName: string, offset: number): HoverAnswer {
  const info = service.getQuickInfoAtPosition(fileName, offset, MAX_LANGUAGE_TEXT_CHARS);
  if (info === undefined) return { text: "" };
  const documentation = documentationOf(info.documentation, info.tags);
  return { text: bounded(ts.displayPartsToString(info.displayParts)), ...(documentation !== undefined && { documentation }) };
}
