// Builds the playground's browser side at build time (called by sandbox/build.mjs,
// which writes the result to host/generated/playground-assets.ts):
//   app/main.ts and what it imports (CodeMirror, the Cap'n Web client), bundled
//   and minified for browsers into one ES module, and playground.css, minified;
//   page.html with the two assets' content-hashed names filled in.
// The Worker serves all three itself (serve-playground.ts): no third-party origin.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** Browsers the page is written for: every evergreen browser of the last three years (module scripts, adoptedStyleSheets, CompressionStream). */
const BROWSER_TARGET = ["chrome111", "firefox113", "safari16.4"];
/** Where page.html names its stylesheet, its script and the style nonce (filled per response by serve-playground.ts); the build fails when one is missing. */
const STYLE_SLOT = "%STYLE_HREF%";
const SCRIPT_SLOT = "%SCRIPT_SRC%";
const NONCE_SLOT = "%STYLE_NONCE%";
/** The content type each built file is served with, by extension. */
const CONTENT_TYPES = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

/** `app.<first 16 hex digits of its SHA-256>.<ext>`: a new build is a new URL, so each can be cached for good. */
function hashedName(text, ext) {
  return `app.${createHash("sha256").update(text).digest("hex").slice(0, 16)}${ext}`;
}

/**
 * The generated module's text: PLAYGROUND_PAGE (the page's HTML) and
 * PLAYGROUND_ASSETS (file name under /playground/ → content type and body).
 * Also returns the sizes, for the build's one line of output.
 */
export async function buildPlaygroundAssets() {
  const result = await build({
    entryPoints: [join(here, "app", "main.ts"), join(here, "playground.css")],
    outdir: "out",
    bundle: true,
    format: "esm",
    platform: "browser",
    target: BROWSER_TARGET,
    minify: true,
    legalComments: "eof",
    write: false,
    logLevel: "error",
  });
  const assets = {};
  const names = {};
  for (const file of result.outputFiles) {
    const ext = extname(file.path);
    const name = hashedName(file.text, ext);
    names[ext] = name;
    assets[name] = { type: CONTENT_TYPES[ext], body: file.text };
  }
  const template = await readFile(join(here, "page.html"), "utf8");
  if (![STYLE_SLOT, SCRIPT_SLOT, NONCE_SLOT].every((slot) => template.includes(slot))) {
    throw new Error(`host/front/playground/page.html must name its stylesheet as ${STYLE_SLOT}, its script as ${SCRIPT_SLOT} and give the script nonce="${NONCE_SLOT}".`);
  }
  const page = template.replace(STYLE_SLOT, `/playground/${names[".css"]}`).replace(SCRIPT_SLOT, `/playground/${names[".js"]}`);
  const module =
    `export const PLAYGROUND_PAGE: string = ${JSON.stringify(page)};\n` +
    `export const PLAYGROUND_ASSETS: Readonly<Record<string, { type: string; body: string }>> = ${JSON.stringify(assets)};\n`;
  return { module, scriptBytes: assets[names[".js"]].body.length, styleBytes: assets[names[".css"]].body.length };
}
