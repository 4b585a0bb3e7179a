import ts from "typescript";
import type { AgentSource } from "./agent-source";
import { toDiagnostics, type Diagnostic } from "./diagnostics";
import { DEFAULT_LIB, LIB_FILES, SANDBOX_GLOBALS_DTS } from "./generated/type-environment";


const LIB_DIR = "/lib/";
const GLOBALS_FILE = "/sandbox-globals.d.ts";
const APIS_FILE = "/apis.d.ts";
const AGENT_FILE = "/agent.ts";

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: [DEFAULT_LIB],
  types: [],
  noEmit: true,
  skipLibCheck: true,
  isolatedModules: true,
  allowJs: false,
};

interface ScriptFile {
  text: string;
  version: number;
  snapshot: ts.IScriptSnapshot;
}

/**
 * A warm TypeScript language service, kept for the life of the host isolate.
 * The ES library and the sandbox globals are parsed once; each check swaps in
 * the granted APIs' declarations and the agent's module, and only they are
 * parsed again. Checks are synchronous, so concurrent requests never interleave.
 */
export class TypeChecker {
  readonly #files = new Map<string, ScriptFile>();
  readonly #service: ts.LanguageService;

  constructor() {
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

  /** Type-checks `source` against `declarations` in strict mode; returns its errors. */
  check(source: AgentSource, declarations: string): Diagnostic[] {
    this.#put(APIS_FILE, declarations);
    this.#put(AGENT_FILE, source.module);
    return toDiagnostics(source, [...this.#service.getSyntacticDiagnostics(AGENT_FILE), ...this.#service.getSemanticDiagnostics(AGENT_FILE)]);
  }
}
