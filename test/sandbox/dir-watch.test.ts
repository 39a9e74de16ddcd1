// The host's tree watcher on a real folder: what each kind of write reports, what is pruned, what is never followed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { watchTree, type TreeEvent, type TreeWatcher } from "../../src/sandbox/dir-watch.ts";
import { ignoreMatcher } from "../../src/sandbox/watcher.ts";

let dir = "";
let watcher: TreeWatcher | undefined;
let errors: Error[] = [];
afterEach(() => {
  // Removing or moving watched folders is ordinary, never a watcher error.
  expect(errors).toEqual([]);
  watcher?.close();
  watcher = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function start(layout: Record<string, string>, ignore: string[] = []) {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-dirwatch-")));
  for (const [file, content] of Object.entries(layout)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  const events: Array<[TreeEvent, string]> = [];
  errors = [];
  watcher = watchTree(dir, { ignored: ignoreMatcher(ignore), onEvent: (kind, relative) => events.push([kind, relative]), onError: (error) => errors.push(error) });
  await watcher.ready;
  return events;
}

async function until(what: string, test: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const has = (events: Array<[TreeEvent, string]>, kind: TreeEvent, relative: string) => events.some(([k, r]) => k === kind && r === relative);

describe("watchTree", () => {
  it("reports nothing for what exists at start, then add, change and unlink of files at any depth", async () => {
    const events = await start({ "a.txt": "a", "src/deep/b.ts": "b" });
    expect(events).toEqual([]);
    fs.writeFileSync(path.join(dir, "src/deep/new.ts"), "n");
    await until("add", () => has(events, "add", "src/deep/new.ts"));
    fs.appendFileSync(path.join(dir, "src/deep/b.ts"), "more");
    await until("change", () => has(events, "change", "src/deep/b.ts"));
    fs.rmSync(path.join(dir, "a.txt"));
    await until("unlink", () => has(events, "unlink", "a.txt"));
    expect(events.some(([, relative]) => relative === "src/deep")).toBe(false);
  });

  it("walks a folder created later, contents written before it was watched included, and drops a removed one", async () => {
    const events = await start({ "keep.txt": "k" });
    fs.mkdirSync(path.join(dir, "fresh/inner"), { recursive: true });
    fs.writeFileSync(path.join(dir, "fresh/inner/x.ts"), "x");
    await until("the new folder's file", () => has(events, "add", "fresh/inner/x.ts"));
    expect(has(events, "addDir", "fresh")).toBe(true);
    fs.writeFileSync(path.join(dir, "fresh/inner/y.ts"), "y");
    await until("a later file in it", () => has(events, "add", "fresh/inner/y.ts"));
    expect(watcher!.watchedDirs()).toBe(3);
    fs.rmSync(path.join(dir, "fresh"), { recursive: true });
    await until("unlinkDir", () => has(events, "unlinkDir", "fresh"));
    expect(watcher!.watchedDirs()).toBe(1);
  });

  it("reports a rename as unlink + add and follows a folder moved within the tree", async () => {
    const events = await start({ "old.txt": "o", "from/f.ts": "f" });
    fs.renameSync(path.join(dir, "old.txt"), path.join(dir, "new.txt"));
    await until("both sides", () => has(events, "unlink", "old.txt") && has(events, "add", "new.txt"));
    fs.renameSync(path.join(dir, "from"), path.join(dir, "to"));
    await until("the moved folder", () => has(events, "unlinkDir", "from") && has(events, "add", "to/f.ts"));
    fs.writeFileSync(path.join(dir, "to/g.ts"), "g");
    await until("a write in the moved folder", () => has(events, "add", "to/g.ts"));
  });

  it("never walks an ignored folder and never follows a symlinked one", async () => {
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-dirwatch-out-")));
    try {
      const events = await start({ "node_modules/pkg/i.js": "i", "src/a.ts": "a" }, ["**/node_modules/**"]);
      fs.symlinkSync(outside, path.join(dir, "link"));
      await until("the symlink itself", () => has(events, "add", "link"));
      fs.writeFileSync(path.join(outside, "through-link.ts"), "t");
      fs.writeFileSync(path.join(dir, "node_modules/pkg/j.js"), "j");
      fs.writeFileSync(path.join(dir, "src/b.ts"), "b");
      await until("the visible write", () => has(events, "add", "src/b.ts"));
      expect(events.filter(([, relative]) => relative.includes("node_modules") || relative.includes("through-link"))).toEqual([]);
      expect(watcher!.watchedDirs()).toBe(2);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it("armed before the command starts, flags writes made before the walk reached their folder, and nothing older", async () => {
    // 300 folders: the first batch is watched at once, the rest in later turns of the event loop, after these writes.
    const layout: Record<string, string> = { "top.txt": "t" };
    for (let d = 0; d < 300; d += 1) layout[`d${d}/old.ts`] = "o";
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-dirwatch-")));
    for (const [file, content] of Object.entries(layout)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    // Older than the start: never reported, even with the kernel's coarse file clock.
    await new Promise((resolve) => setTimeout(resolve, 60));
    const events: Array<[TreeEvent, string]> = [];
    errors = [];
    watcher = watchTree(dir, { ignored: () => false, onEvent: (kind, relative) => events.push([kind, relative]), onError: (error) => errors.push(error) });
    watcher.reportSince(Date.now());
    // The command's first writes, in the same turn: most folders are not watched yet.
    expect(watcher.watchedDirs()).toBeLessThan(300);
    for (let d = 0; d < 300; d += 1) fs.writeFileSync(path.join(dir, `d${d}`, "outside.md"), "x");
    fs.appendFileSync(path.join(dir, "d299", "old.ts"), "changed");
    fs.mkdirSync(path.join(dir, "d150", "fresh"));
    fs.writeFileSync(path.join(dir, "d150", "fresh", "deep.ts"), "x");
    await watcher.ready;
    for (let d = 0; d < 300; d += 1) await until(`d${d}/outside.md`, () => events.some(([kind, relative]) => relative === `d${d}/outside.md` && (kind === "add" || kind === "change")));
    await until("the changed old file", () => has(events, "change", "d299/old.ts"));
    await until("the file in a new folder", () => has(events, "add", "d150/fresh/deep.ts"));
    const stale = events.filter(([, relative]) => relative === "top.txt" || (relative.endsWith("/old.ts") && relative !== "d299/old.ts"));
    expect(stale).toEqual([]);
  });
});
