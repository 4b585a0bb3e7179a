import { readFile, stat } from "node:fs/promises";
import process from "node:process";
import { CliError, usageError } from "./exit-codes.js";
import type { SourceFile } from "./report.js";
import { joinChunks } from "../../bytes.js";

/**
 * The most code, in UTF-8 bytes, that any Ghostwire host accepts: the
 * ceiling of GHOSTWIRE_MAX_CODE_BYTES in host/config.ts. The CLI refuses more
 * before reading it whole or sending it; a host's own limit may be lower
 * (DEFAULT_HOST_CODE_BYTES unless its deployer changed it), and that host
 * then refuses the code with both sizes.
 */
export const MAX_CODE_BYTES = 1024 * 1024;
/** The default of GHOSTWIRE_MAX_CODE_BYTES in host/config.ts, named in the refusal. */
const DEFAULT_HOST_CODE_BYTES = 64 * 1024;

const bytes = (count: number) => `${count.toLocaleString("en-US")} bytes`;

/**
 * The code of `path` (`-`: stdin until it ends), as UTF-8 text. Usage errors
 * (exit 2) for a file that cannot be read, is empty, is not UTF-8, or is over
 * MAX_CODE_BYTES; stdin is read no further than one byte past the limit.
 */
export async function readSource(path: string, command: string): Promise<SourceFile> {
  const name = path === "-" ? "<stdin>" : path;
  const data = path === "-" ? await readStdin() : await readCodeFile(path, command);
  // Only stdin gets here with more: a file's size was checked before reading it.
  if (data.length > MAX_CODE_BYTES) throw tooLarge(name, `more than ${bytes(MAX_CODE_BYTES)}`, command);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    throw usageError(`${name} is not UTF-8 text: save it as UTF-8.`, command);
  }
  if (text.trim() === "") throw usageError(`${name} is empty: write the body of an async function, e.g. \`return await math.add({ a: 1, b: 2 });\`.`, command);
  return { name, text };
}

async function readCodeFile(path: string, command: string): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw usageError(`${path} is not a file: pass a TypeScript file, or - to read the code from stdin.`, command);
    size = info.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw usageError(`Cannot read ${path} (${describe(error)}): check the path, or pass - to read the code from stdin.`, command);
  }
  if (size > MAX_CODE_BYTES) throw tooLarge(path, bytes(size), command);
  try {
    return await readFile(path);
  } catch (error) {
    throw usageError(`Cannot read ${path} (${describe(error)}): check its permissions.`, command);
  }
}

/** Stdin up to one byte past MAX_CODE_BYTES: enough to know it is too large, without holding more. */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
    total += chunk.length;
    if (total > MAX_CODE_BYTES) break;
  }
  return joinChunks(chunks, total);
}

function tooLarge(name: string, size: string, command: string) {
  return usageError(
    `${name} is ${size}, and no Ghostwire host accepts code over ${bytes(MAX_CODE_BYTES)} (GHOSTWIRE_MAX_CODE_BYTES is ${bytes(DEFAULT_HOST_CODE_BYTES)} by default, and at most ${bytes(MAX_CODE_BYTES)}): split the work into smaller programs.`,
    command,
  );
}

function describe(error: unknown): string {
  return (error as { code?: unknown })?.code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error);
}
