import ts from "typescript";
import type { AgentSource } from "../agent-source.js";
import { CHECK_BUDGET_UNITS, CheckBudgetExceeded, metered } from "./check-budget.js";
import { toDiagnostics, type Diagnostic } from "./diagnostics.js";
import { completionItems, hoverAnswer } from "./language-answers.js";
import { WarmChecker } from "./warm-checker.js";
import { RecentAnswers } from "../recent-answers.js";
import type { CompletionItem, HoverAnswer } from "../../../api-types/language.js";
import { DEFAULT_LIB, EXTRA_LIBS, LIB_FILES, SANDBOX_GLOBALS_DTS } from "../../generated/type-environment.js";

const LIB_DIR = "/lib/";
const GLOBALS_FILE = "/sandbox-globals.d.ts";
const APIS_FILE = "/apis.d.ts";
const AGENT_FILE = "/agent.ts";

/**
 * Strict, except that a caught value is `any` (useUnknownInCatchVariables
 * off): models write `catch (e) { e.message }`, which runs fine.
 * noImplicitAny stays on, because it is what gives `const all = []` an
 * evolving type (off, that array would be `never[]`); its diagnostics are
 * dropped instead (IMPLICIT_ANY_CODES).
 */
const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  useUnknownInCatchVariables: false,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: [DEFAULT_LIB, ...EXTRA_LIBS],
  types: [],
  noEmit: true,
  skipLibCheck: true,
  isolatedModules: true,
  allowJs: false,
};

/**
 * noImplicitAny's diagnostics ("… implicitly has an 'any' type"): they refuse
 * correct untyped JavaScript (`function double(x)`, `const totals = {};
 * totals[key] = …`), not a misuse of an API, so the check does not report
 * them and such values are `any`. Every API call is still checked against
 * its declarations.
 */
const IMPLICIT_ANY_CODES = new Set([7005, 7006, 7008, 7010, 7011, 7015, 7017, 7018, 7019, 7022, 7023, 7024, 7031, 7032, 7033, 7034, 7053]);

/**
 * Comments that change which diagnostics a file reports (`// @ts-ignore`,
 * `// @ts-expect-error`, `// @ts-nocheck`). The language service's program
 * applies them; a WarmChecker does not, so code that may contain one is
 * checked the language service's way. Matching more than the compiler would
 * (the text inside a string) only costs that code the slower check.
 */
const DIAGNOSTIC_DIRECTIVE = /@ts-(?:ignore|expect-error|nocheck)/;

/**
 * Checks TypeChecker answers again from memory: the same code against the
 * same declarations finds the same errors, so an execution that runs code
 * checked a moment ago (the playground's check, then its run; an agent
 * sending its code again) skips the checker. At most this many per set of
 * declarations (host/execution/recent-answers.ts), forgotten oldest first.
 */
export const RECENT_CHECKS = 32;

/**
 * Sets of declarations whose recent checks are kept, the least recently used
 * forgotten first. Callers granting different APIs take turns on one host;
 * the checker itself is rebuilt at each change of declarations, which for an
 * import of GitHub's size costs about 250 ms, so code sent again must not
 * wait for that. Each set's text is kept with its checks: GitHub's is about
 * 2 M characters.
 */
export const RECENT_DECLARATION_SETS = 4;

const reported = (diagnostics: readonly ts.Diagnostic[]) => diagnostics.filter((diagnostic) => !IMPLICIT_ANY_CODES.has(diagnostic.code));

interface ScriptFile {
  text: string;
  version: number;
  snapshot: ts.IScriptSnapshot;
}

/**
 * A warm TypeScript language service, kept for the life of the host isolate.
 * The ES library and the sandbox globals are parsed once; each completion or
 * hover swaps in the granted APIs' declarations and the agent's module, and
 * only they are parsed again. Checks go to a WarmChecker
 * (host/execution/check/warm-checker.ts) of the same library and
 * declarations, which keeps its checker from one check to the next. Checks
 * are synchronous, so concurrent requests never interleave.
 */
export class TypeChecker {
  readonly #files = new Map<string, ScriptFile>();
  readonly #service: ts.LanguageService;
  readonly #budgetUnits: number;
  #warm: WarmChecker | undefined;
  /** Recent checks' answers by the declarations they were checked against, then by the code as sent (AgentSource.original). */
  readonly #recent = new RecentAnswers<RecentAnswers<CheckResult & { ok: true }>>(RECENT_DECLARATION_SETS, Number.POSITIVE_INFINITY);

  /** `budgetUnits`: what one check may spend (host/execution/check/check-budget.ts); the default outside tests and benchmarks. */
  constructor({ budgetUnits = CHECK_BUDGET_UNITS } = {}) {
    this.#budgetUnits = budgetUnits;
    for (const [name, text] of Object.entries(LIB_FILES)) this.#put(LIB_DIR + name, text);
    this.#put(GLOBALS_FILE, SANDBOX_GLOBALS_DTS);
    this.#put(APIS_FILE, "");
    this.#put(AGENT_FILE, "");
    const files = this.#files;
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => COMPILER_OPTIONS,
      getScriptFileNames: () => [GLOBALS_FILE, APIS_FILE, AGENT_FILE],
      getScriptVersion: (name) => String(files.get(name)?.version ?? 0),
      getScriptSnapshot: (name) => files.get(name)?.snapshot,
      getCurrentDirectory: () => "/",
      getDefaultLibFileName: () => LIB_DIR + DEFAULT_LIB,
      fileExists: (name) => files.has(name),
      readFile: (name) => files.get(name)?.text,
      directoryExists: (name) => name === "/" || name === "/lib",
      getDirectories: () => [],
      useCaseSensitiveFileNames: () => true,
    };
    this.#service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  #put(name: string, text: string): void {
    const existing = this.#files.get(name);
    if (existing?.text === text) return;
    this.#files.set(name, { text, version: (existing?.version ?? 0) + 1, snapshot: ts.ScriptSnapshot.fromString(text) });
  }

  /**
   * Type-checks `source` against `declarations` in strict mode; returns its
   * errors, or `budgetExceeded` when checking the agent's code spent more than
   * CHECK_BUDGET_UNITS (host/execution/check/check-budget.ts) or overflowed the stack.
   * Code checked among the last RECENT_CHECKS against the same declarations,
   * one of the last RECENT_DECLARATION_SETS, gets that check's answer, units
   * included.
   */
  check(source: AgentSource, declarations: string): CheckResult {
    if (DIAGNOSTIC_DIRECTIVE.test(source.module)) return this.#checkInService(source, declarations);
    let checks = this.#recent.get(declarations);
    if (checks === undefined) {
      checks = new RecentAnswers(RECENT_CHECKS);
      this.#recent.remember(declarations, checks);
    }
    const recent = checks.get(source.original);
    if (recent !== undefined) {
      return { ok: true, diagnostics: [...recent.diagnostics], units: recent.units };
    }
    const warm = this.#warmChecker(declarations);
    try {
      const { syntactic, semantic, units } = warm.check(source.module, this.#budgetUnits);
      if (warm.exhausted) this.#warm = undefined;
      const checked = { ok: true as const, diagnostics: toDiagnostics(source, [...syntactic, ...reported(semantic)]), units };
      checks.remember(source.original, checked);
      return { ...checked, diagnostics: [...checked.diagnostics] };
    } catch (error) {
      this.#warm = undefined;
      if (error instanceof CheckBudgetExceeded || error instanceof RangeError) return { ok: false, budgetExceeded: checkBudgetMessage(this.#budgetUnits) };
      throw error;
    }
  }

  /** `check`, by the language service, with the agent's module as one of its program's files. */
  #checkInService(source: AgentSource, declarations: string): CheckResult {
    const semantic = this.#metered(source, declarations, checkBudgetMessage, (service) => reported(service.getSemanticDiagnostics(AGENT_FILE)));
    if (!semantic.ok) return semantic;
    // Parsing is linear in the code's size: its diagnostics need no meter.
    const syntactic = this.#service.getSyntacticDiagnostics(AGENT_FILE);
    return { ok: true, diagnostics: toDiagnostics(source, [...syntactic, ...semantic.value]), units: semantic.units };
  }

  /**
   * The WarmChecker of `declarations`: the current one, or a new one of a
   * program that shares the language service's parsed library. Building it is
   * the host's own work on trusted text, unmetered.
   */
  #warmChecker(declarations: string): WarmChecker {
    if (this.#warm?.declarations === declarations) return this.#warm;
    const library = this.#service.getProgram()?.getSourceFiles() ?? [];
    this.#warm = new WarmChecker({
      libraryFiles: new Map(library.filter((file) => file.fileName !== APIS_FILE && file.fileName !== AGENT_FILE).map((file) => [file.fileName, file])),
      roots: [GLOBALS_FILE, APIS_FILE],
      defaultLibFileName: LIB_DIR + DEFAULT_LIB,
      declarationsFile: APIS_FILE,
      declarations,
      options: COMPILER_OPTIONS,
    });
    return this.#warm;
  }

  /**
   * What may be written at `offset` of `source.module` (AgentSource.toModule),
   * with the same declarations, budget and refusal as `check`; bounded by
   * MAX_COMPLETION_ITEMS and MAX_DETAILED_ITEMS (host/execution/check/language-answers.ts).
   */
  completions(source: AgentSource, declarations: string, offset: number): LanguageResult<CompletionItem[]> {
    return this.#metered(source, declarations, answerBudgetMessage, (service) => completionItems(service, AGENT_FILE, offset));
  }

  /** The signature and documentation of what is at `offset` of `source.module`, metered like `check`. */
  hover(source: AgentSource, declarations: string, offset: number): LanguageResult<HoverAnswer> {
    return this.#metered(source, declarations, answerBudgetMessage, (service) => hoverAnswer(service, AGENT_FILE, offset));
  }

  /**
   * Runs `work` on the service once `source` and `declarations` are in place.
   *
   * Building the program, binding every file and merging the globals are the
   * host's own work on trusted text (the library, the API declarations) and
   * the agent's parse, which is linear; they run unmetered. Only `work`, which
   * asks the checker about the agent's module, is metered, since only there
   * can its types make the checker work without bound.
   */
  #metered<T>(source: AgentSource, declarations: string, budgetMessage: (units: number) => string, work: (service: ts.LanguageService) => T): LanguageResult<T> {
    this.#put(APIS_FILE, declarations);
    this.#put(AGENT_FILE, source.module);
    try {
      this.#service.getProgram()?.getTypeChecker();
      const { value, units } = metered(() => work(this.#service), this.#budgetUnits);
      return { ok: true, value, units };
    } catch (error) {
      // The checker stopped halfway: its program must not answer again. A new
      // version of the agent's file makes the next check build a fresh one.
      this.#put(AGENT_FILE, "");
      if (error instanceof CheckBudgetExceeded || error instanceof RangeError) return { ok: false, budgetExceeded: budgetMessage(this.#budgetUnits) };
      throw error;
    }
  }
}

/** What the agent is told when its types cost more than a check may spend. */
const checkBudgetMessage = (units: number) =>
  `Type-checking this code took more work than the host allows (${units} units: types, symbols, relations and their elements), so it was stopped and the code did not run. ` +
  "Simplify its types (recursive conditional types, large tuples or unions), or send check: false to run it unchecked.";

/** What an editor is told when answering completions or a hover for its code cost more than a check may spend. */
const answerBudgetMessage = (units: number) =>
  `Answering this question about the code took more work than the host allows (${units} units: types, symbols, relations and their elements), so it was stopped. ` +
  "Simplify its types (recursive conditional types, large tuples or unions), then ask again.";

/** What a metered question about the agent's code answered, or why it was stopped. */
export type LanguageResult<T> =
  | { readonly ok: true; readonly value: T; /** Units the answer spent (host/execution/check/check-budget.ts). */ readonly units: number }
  | { readonly ok: false; readonly budgetExceeded: string };

export type CheckResult =
  | { readonly ok: true; readonly diagnostics: Diagnostic[]; /** Units the check spent (host/execution/check/check-budget.ts). */ readonly units: number }
  | { readonly ok: false; readonly budgetExceeded: string };
