// The browser tests' world: a real repository with hs initialised (worktrees beside it, so sessions run in the
// real sandbox), a real `hs ui` process serving it, and real Chromium (Debian's, through playwright-core)
// logged in with the printed one-time URL. Screenshots go to test-output/screenshots/ (ignored).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { cleanEnv } from "../helpers/repo.ts";
import { hs, HS_BIN, REPO_ROOT } from "../helpers/hs.ts";

export const CHROMIUM = process.env.HS_CHROMIUM ?? "/usr/bin/chromium";
export const SHOTS = path.join(REPO_ROOT, "test-output", "screenshots");

export interface UiWorld {
  dir: string;
  main: string;
  url: string;
  apiToken: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  git(args: string[], cwd?: string): string;
  hs(args: string[], env?: NodeJS.ProcessEnv): ReturnType<typeof hs>;
  api<T = any>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Logs a fresh browser context in (one-time tokens: a new server login per context is not possible, so the cookie is copied). */
  newPage(options?: { colorScheme?: "light" | "dark"; width?: number; height?: number }): Promise<Page>;
  /** Stops the hs ui process (the page's offline state). */
  stopServer(): Promise<void>;
  close(): Promise<void>;
}

function git(args: string[], cwd: string): string {
  const result = spawnSync("git", args, { cwd, env: cleanEnv(), encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

/** Reads the first JSON line `hs ui --json` prints. */
function serverInfo(child: ChildProcess): Promise<{ url: string; login_url: string; api_token: string }> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`hs ui printed nothing in 20 s: ${err}`)), 20_000);
    child.stderr!.on("data", (chunk) => (err += chunk));
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) (clearTimeout(timer), resolve(JSON.parse(line)));
    });
    child.on("exit", (code) => reject(new Error(`hs ui exited ${code}: ${err}`)));
  });
}

export async function startWorld(files: Record<string, string> = { "README.md": "# Demo\n", "src/app.ts": "export const app = 1;\n" }): Promise<UiWorld> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-ui-")));
  const main = path.join(dir, "repo");
  fs.mkdirSync(main);
  git(["init", "-q", "-b", "main"], main);
  for (const [key, value] of [["user.email", "dev@example.com"], ["user.name", "Dev"], ["commit.gpgSign", "false"], ["gc.auto", "0"]] as const) git(["config", key, value], main);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(main, file)), { recursive: true });
    fs.writeFileSync(path.join(main, file), content);
  }
  git(["add", "-A"], main);
  git(["commit", "-qm", "init"], main);
  const init = hs(["init", "--worktrees-dir", "../wts"], { cwd: main });
  if (init.code !== 0) throw new Error(`hs init failed: ${init.stderr}`);
  const server = spawn(process.execPath, [HS_BIN, "ui", "--no-open", "--json", "--port", "0"], { cwd: main, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
  const info = await serverInfo(server);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(info.login_url);
  const cookies = await context.cookies();
  const contexts: BrowserContext[] = [context];
  const stopServer = async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => (server.exitCode !== null ? resolve(undefined) : server.once("exit", resolve)));
  };
  fs.mkdirSync(SHOTS, { recursive: true });
  return {
    dir,
    main,
    url: info.url,
    apiToken: info.api_token,
    browser,
    context,
    page,
    git: (args, cwd = main) => git(args, cwd),
    hs: (args, env) => hs(args, { cwd: main, env }),
    async api(method, route, body) {
      const response = await fetch(new URL(route, info.url), {
        method,
        headers: { authorization: `Bearer ${info.api_token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async newPage(options = {}) {
      const ctx = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 720 }, colorScheme: options.colorScheme ?? "light" });
      await ctx.addCookies(cookies);
      contexts.push(ctx);
      return ctx.newPage();
    },
    stopServer,
    async close() {
      for (const ctx of contexts) await ctx.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await stopServer();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Collects page errors and console errors (a CSP violation is one) for the assertions. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => message.type() === "error" && errors.push(`console: ${message.text()}`));
  return errors;
}

/** axe-core, injected through the DevTools protocol (the page's CSP forbids inline scripts, rightly). */
const AXE = fs.readFileSync(path.join(REPO_ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Serious and critical WCAG A/AA violations on the page as it is now. */
export async function axeViolations(page: Page, only?: string[]): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  const runOnly = only ? { type: "rule", values: only } : { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] };
  const results = await page.evaluate(async (runOnly) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const found = await axe.run(document, { runOnly, resultTypes: ["violations"] });
    return found.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
  }, runOnly);
  return results.filter((v) => v.impact === "serious" || v.impact === "critical");
}
