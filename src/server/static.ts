// The DCC page: the files `npm run build` wrote to dist/ui, served to a logged-in browser. Any other path that is
// not the API (a deep link such as /sessions/s1) gets index.html, and the page routes it. CSP: scripts and
// connections from this origin only, no inline or eval'd script, no frames, no forms posting elsewhere. Styles
// allow 'unsafe-inline' because xterm.js (the session output view) writes <style> elements and style attributes
// at run time; style injection cannot run code, and the page never renders server text as HTML.
import fs from "node:fs";
import path from "node:path";
import { packagePath } from "../package-root.ts";
import { BASE_HEADERS } from "./respond.ts";
import { landingPage } from "./landing.ts";
import type { JsonResponse } from "./types.ts";

export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
};

export function pageDir(): string {
  return packagePath("dist", "ui");
}

/** The asset at `pathname` when it is a file of the built page, else index.html (history fallback). */
export function servePage(pathname: string, dir = pageDir()): JsonResponse {
  const index = path.join(dir, "index.html");
  if (!fs.existsSync(index)) return landingPage();
  const file = assetPath(dir, pathname) ?? index;
  const type = TYPES[path.extname(file)] ?? "application/octet-stream";
  return {
    kind: "html",
    status: 200,
    headers: { ...BASE_HEADERS, "content-type": type, "content-security-policy": PAGE_CSP },
    body: fs.readFileSync(file, "utf8"),
  };
}

/** Only names the build writes (no dot-files, no `..`), resolved inside dir, regular files, no symlinks. */
function assetPath(dir: string, pathname: string): string | undefined {
  const name = pathname.replace(/^\/+/, "");
  if (!/^(assets\/)?[\w.-]+\.(js|css|map|svg|json)$/.test(name) || name.includes("..")) return undefined;
  const file = path.join(dir, name);
  try {
    return fs.lstatSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}
