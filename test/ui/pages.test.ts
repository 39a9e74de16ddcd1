// Every page of the DCC in real Chromium against a real `hs ui`: axe-core finds no serious or critical WCAG
// violation in the light or the dark theme, nothing overflows at 1280×720 or on a narrow window, deep links
// land on their page, the inbox works from the keyboard, a request arriving in the background badges the title
// and notifies, and the page shows when the server is gone. Time to first render of the board and the inbox
// with 50 sessions and 1,000 approvals is printed (measured, not asserted). Screenshots: test-output/screenshots.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openWorkspace, type Workspace } from "../../src/registry/workspace.ts";
import { OPERATOR } from "../../src/ops/actor.ts";
import { createSessionOp } from "../../src/sessions/ops.ts";
import { fileRequest } from "../../src/shim/approvals/ops.ts";
import { axeViolations, SHOTS, startWorld, watchErrors, type UiWorld } from "./fixture.ts";

let w: UiWorld;
let ws: Workspace;
let errors: string[];
const ids: Record<string, string> = {};

function ask(session: string, argv: string[], preview = false) {
  return fileRequest(ws, OPERATOR, {
    sessionId: session, workspaceId: ws.config.workspace_id, wp: null, mt: null, tool: "git", argv, cwd: w.main,
    rule: "git.reset.hard", reason: "discards uncommitted work", hint: "hs approve {request}", grantable: false,
    preview: preview ? [{ title: "uncommitted changes", truncated: false, entries: [{ kind: "uncommitted", text: "M src/app.ts" }] }] : [],
    timeoutSeconds: 3600, waiterPid: null,
  });
}

beforeAll(async () => {
  w = await startWorld({ "README.md": "# Demo\n", "src/app.ts": "export const app = 1;\n// TODO: wire the cart\n", "src/cart.ts": "export function total() {\n  return 0;\n}\n" });
  ws = openWorkspace(w.main);
  errors = watchErrors(w.page);
  const wp = (await w.api("POST", "/api/v1/work/packets", { title: "Cart totals", description: "Totals include tax.\nRound half up.", scope: ["src/**"] })).body;
  ids.wp = wp.wp_id;
  ids.mt = (await w.api("POST", "/api/v1/work/micro-tasks", { wp: wp.wp_id, name: "sum lines", modify: ["src/cart.ts"], done_criteria: ["tests pass"] })).body.mt_id;
  await w.api("POST", `/api/v1/work/packets/${wp.wp_id}/transition`, { to: "ready" });
  await w.api("POST", `/api/v1/work/packets/${wp.wp_id}/notes`, { text: "Decided: no currency conversion here." });
  ids.anchor = (await w.api("POST", "/api/v1/work/anchors", { title: "Carts add up", criteria: ["totals match receipts"], wp: wp.wp_id })).body.anchor_id;
  await w.api("POST", `/api/v1/work/anchors/${ids.anchor}/notes`, { text: "Receipts from the shop team arrive Friday." });
  const r1 = await w.api("POST", "/api/v1/sessions", { id: "r1", mt: ids.mt });
  expect(r1.status, JSON.stringify(r1.body)).toBe(200);
  // Changes in r1's worktree as an agent would leave them: an edit, a new file, a binary, a large file.
  const wt = r1.body.worktree as string;
  fs.writeFileSync(path.join(wt, "src/cart.ts"), "export function total(lines: number[]) {\n  // sum the lines\n  return lines.reduce((a, b) => a + b, 0);\n}\n");
  fs.writeFileSync(path.join(wt, "src/logo.bin"), Buffer.from([0, 1, 2, 0, 255, 0, 7]));
  fs.writeFileSync(path.join(wt, "src/big.txt"), "a line of a large generated file\n".repeat(12_000));
  await w.api("POST", "/api/v1/work/handoffs", { session: "r1", done: "Summed the lines.", remaining: "Tax.", decisions: ["reduce over a loop"] });
  // 50 sessions and 1,000 approvals, through the operations layer (no sandboxes needed for the lists).
  for (let i = 0; i < 49; i++) await createSessionOp(ws, OPERATOR, { id: `bulk${i}`, scope: [`area${i}/**`], isolation: "lock", noSandbox: true, reason: "seeded for the list benchmark", cwd: w.main });
  for (let i = 0; i < 1000; i++) ask(`bulk${i % 49}`, ["reset", "--hard", `HEAD~${i}`]);
  ids.control = ask("r1", ["reset", "--hard", "\u001b[2Jevil\u0007"], true).id;
}, 180_000);
afterAll(async () => {
  ws?.close();
  await w?.close();
});

const at = (page: Page, route: string) => page.goto(new URL(route, w.url).toString());

async function firstRender(page: Page, route: string, selector: string): Promise<number> {
  await at(page, route);
  await page.locator(selector).first().waitFor({ timeout: 30_000 });
  return Math.round(await page.evaluate(() => performance.now()));
}

describe("the DCC pages", () => {
  it("prints time to first render of the board and the inbox with 50 sessions and 1,000 approvals", async () => {
    const page = await w.newPage();
    const board = await firstRender(page, "/", "[data-testid=board] .card");
    const inbox = await firstRender(page, "/approvals", "[data-request]");
    await page.getByRole("button", { name: "Show all 1001 (901 older)" }).waitFor();
    const sessions = (await w.api("GET", "/api/v1/sessions")).body.count;
    const pending = (await w.api("GET", "/api/v1/approvals")).body.requests.length;
    console.log(`DCC time to first render (${sessions} sessions, ${pending} pending approvals): board ${board} ms, inbox ${inbox} ms`);
    expect([sessions, pending]).toEqual([50, 1001]);
    await page.context().close();
    // The bulk requests decided (approve-all per session, on the API), leaving the inbox readable for what follows.
    for (let i = 0; i < 49; i++) expect((await w.api("POST", "/api/v1/approvals/approve-session", { session: `bulk${i}` })).status).toBe(200);
  }, 120_000);

  const PAGES = (): Array<[string, string, string]> => [
    ["board", "/", "[data-testid=board] .card"],
    ["sessions", "/sessions", "[data-session=r1]"],
    ["session", "/sessions/r1", ".tree"],
    ["approvals", "/approvals", "[data-request]"],
    ["review", "/review/r1", "[data-testid=diff]"],
    ["timeline", "/timeline", "[data-testid=chain]"],
    ["ledger", "/timeline?tab=ledger", "h1"],
    ["search", "/search?q=total&target=r1", "[data-testid=results]"],
    ["wp", `/wp/${ids.wp}`, "[data-testid=mts]"],
    ["mt", `/mt/${ids.mt}`, "h1"],
    ["new-wp", "/wp/new", "form"],
    ["anchor", `/anchors/${ids.anchor}`, "[data-testid=anchor-notes] li"],
  ];

  for (const theme of ["light", "dark"] as const) {
    // The themes differ in colours only: the full WCAG A/AA rule set runs in light, the contrast rules in dark.
    const rules = theme === "dark" ? ["color-contrast", "link-in-text-block"] : undefined;
    it(`every page in the ${theme} theme: no serious axe violation${rules ? ` (${rules.join(", ")})` : ""}, no overflow at 1280×720, screenshot`, async () => {
      const page = await w.newPage({ colorScheme: theme });
      const pageErrors = watchErrors(page);
      const found: string[] = [];
      for (const [name, route, ready] of PAGES()) {
        await at(page, route);
        await page.locator(ready).first().waitFor({ timeout: 20_000 });
        if (name === "approvals") await page.locator(`[data-request="${ids.control}"]`).getByRole("button", { name: "Details" }).click();
        if (name === "search") await page.locator(".hit").first().click(), await page.getByTestId("excerpt").waitFor();
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        const checked = Date.now();
        for (const v of await axeViolations(page, rules)) found.push(`${name}: ${v.id} (${v.impact}) ${v.help} at ${v.targets.join(", ")}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) found.push(`${name}: the page is ${overflow}px wider than the 1280px window`);
        await page.screenshot({ path: path.join(SHOTS, `${name}-${theme}.png`), fullPage: false });
        if (process.env.HS_UI_TIMINGS) console.log(`${name} ${theme}: axe ${Date.now() - checked} ms`);
      }
      expect(found).toEqual([]);
      expect(pageErrors).toEqual([]);
      await page.context().close();
    }, 120_000);
  }

  it("a narrow window (390×800) keeps board, inbox, review and session readable without sideways scrolling", async () => {
    const page = await w.newPage({ width: 390, height: 800 });
    for (const [route, ready] of [["/", "[data-testid=board] .card"], ["/approvals", "[data-request]"], ["/review/r1", "[data-testid=files]"], ["/sessions/r1", ".tree"]] as const) {
      await at(page, route);
      await page.locator(ready).first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), route).toBeLessThanOrEqual(0);
    }
    await at(page, "/");
    await page.screenshot({ path: path.join(SHOTS, "board-narrow.png") });
    await page.context().close();
  }, 60_000);

  it("deep links open their page; control characters in a request are shown escaped", async () => {
    const page = w.page;
    await at(page, `/approvals/${ids.control}`);
    const row = page.locator(`[data-request="${ids.control}"]`);
    await row.locator(".preview").waitFor();
    const argv = (await row.locator(".argv").textContent()) ?? "";
    expect(argv).not.toMatch(/[\u0000-\u001f]/);
    expect(argv).toContain("$'\\e[2Jevil\\x07'");
    await expect(row.locator(".preview").textContent()).resolves.toContain("What could be lost: uncommitted changes");
    await at(page, `/wp/${ids.wp}`);
    await expect(page.locator("h1").textContent()).resolves.toContain("Cart totals");
    await at(page, "/sessions/r1");
    await expect(page.locator("h1").textContent()).resolves.toContain("Session r1");
    const seq = (await w.api("GET", "/api/v1/events?type=anchor.noted")).body.events[0].seq;
    await at(page, `/events/${seq}`);
    await expect(page.locator(`#event-${seq}.focus`).getAttribute("data-type")).resolves.toBe("anchor.noted");
    await at(page, "/no/such/page");
    await page.getByText("No page at").waitFor();
  }, 60_000);

  it("review: binary and large files are handled; the diff switches between unified and side by side", async () => {
    const page = w.page;
    await at(page, "/review/r1");
    await page.locator('[data-path="src/logo.bin"] .link-button').click();
    await page.getByText("Binary file").waitFor();
    await page.locator('[data-path="src/big.txt"] .link-button').click();
    await page.getByText("Large file: the diff is cut").waitFor();
    await page.locator('[data-path="src/cart.ts"] .link-button').click();
    await page.locator(".tk-comment", { hasText: "// sum the lines" }).waitFor();
    await page.getByRole("button", { name: "Side by side" }).click();
    const row = page.locator("table.diff-split tr", { hasText: "// sum the lines" });
    await expect(row.textContent()).resolves.toContain("return 0;");
  }, 30_000);

  it("the inbox from the keyboard: j selects the newest request, a approves it once", async () => {
    const page = w.page;
    const newest = ask("r1", ["reset", "--hard", "HEAD~1"]).id;
    await at(page, "/approvals");
    await page.locator(`[data-request="${newest}"]`).waitFor();
    await page.locator("h1").click();
    await page.keyboard.press("j");
    await expect(page.locator(".request.selected").getAttribute("data-request")).resolves.toBe(newest);
    await page.keyboard.press("a");
    await page.locator(`[data-request="${newest}"]`).waitFor({ state: "detached" });
    const decided = (await w.api("GET", "/api/v1/approvals?status=all")).body.requests.find((r: { id: string }) => r.id === newest);
    expect(decided).toMatchObject({ status: "approved", scope: "once", decided_by: expect.stringMatching(/^operator/) });
  }, 30_000);

  it("a request arriving while the tab is hidden badges the title and raises a browser notification", async () => {
    const page = await w.newPage();
    await page.context().grantPermissions(["notifications"]);
    await at(page, "/sessions");
    await page.locator("[data-session=r1]").waitFor();
    await page.locator("[data-testid=link-state]", { hasText: "live" }).waitFor();
    // The tab goes to the background; Notification is wrapped to count what the page raises (a spy, not a mock:
    // the real constructor still runs).
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      const Real = window.Notification;
      const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
      window.Notification = class extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          seen.push(title);
        }
      } as typeof Notification;
    });
    ask("r1", ["reset", "--hard", "HEAD~2"]);
    await page.waitForFunction(() => document.title.startsWith("(1) "), undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(["Approval needed: session r1"]);
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    expect(await page.title()).toBe("hs Dev Command Center");
    await page.context().close();
  }, 30_000);

  it("forms: an anchor note is appended, a handoff written, a checkpoint restored from the session page", async () => {
    const page = w.page;
    await at(page, `/anchors/${ids.anchor}`);
    await page.getByRole("textbox", { name: "Add a note to the anchor" }).fill("Receipts arrived: totals match.");
    await page.getByRole("button", { name: "Append note" }).click();
    await page.getByTestId("anchor-notes").getByText("Receipts arrived: totals match.").waitFor();
    await at(page, "/sessions/r1");
    await page.getByLabel("What was done").fill("Summed the cart lines.");
    await page.getByLabel("What remains").fill("Tax rounding.");
    await page.getByRole("button", { name: "Write handoff" }).click();
    await page.getByText("Handoff written.").waitFor();
    const handoffs = (await w.api("GET", "/api/v1/work/handoffs?session=r1")).body.handoffs;
    expect(handoffs).toHaveLength(2);
    // Pause (checkpoint), change a file, restore the checkpoint from its row.
    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Pause" }).click();
    await page.locator("h1 .badge", { hasText: "paused" }).waitFor();
    const worktree = (await w.api("GET", "/api/v1/sessions/r1")).body.worktree as string;
    fs.writeFileSync(path.join(worktree, "src/cart.ts"), "overwritten after the checkpoint\n");
    const n = (await w.api("GET", "/api/v1/sessions/r1/checkpoints")).body.checkpoints.at(-1).n;
    await page.getByRole("button", { name: `Restore checkpoint ${n}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Restore" }).click();
    await page.getByText(`restored checkpoint ${n}`).waitFor();
    expect(fs.readFileSync(path.join(worktree, "src/cart.ts"), "utf8")).toContain("lines.reduce");
  }, 60_000);

  it("the page says when the server is gone", async () => {
    const page = w.page;
    await at(page, "/");
    await page.locator("[data-testid=link-state]", { hasText: "live" }).waitFor();
    await w.stopServer();
    await page.getByRole("alert").filter({ hasText: "The hs ui server is not answering" }).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(SHOTS, "offline-light.png") });
    expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(e))).toEqual([]);
  }, 30_000);
});
