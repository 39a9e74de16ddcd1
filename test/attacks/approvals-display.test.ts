// Attack: a request that repaints itself. A session files requests whose argv, cwd and file names carry ESC
// sequences, CR, backspace and a right-to-left override, hoping `hs approvals` shows the operator
// `git status` instead. Every operator display must show those bytes as visible escapes.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture, diffSnapshots, outsideSnapshot, runIn, type Fixture } from "../sandbox/fixture.ts";

let fx: Fixture;
beforeAll(() => {
  fx = buildFixture();
});
afterAll(() => fx?.cleanup());

// Anything a terminal interprets: C0 but newline, DEL, C1, and the bidi/invisible format characters.
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u;
const SHORT = { HS_APPROVAL_TIMEOUT_SECONDS: "1" };

describe("operator displays escape what a session controls", () => {
  it("argv, cwd, file names and reasons with ESC/CR/BS/RLO are shown as escapes everywhere", async () => {
    const before = outsideSnapshot(fx);
    const evil = String.raw`src/x\033[2K\rgit status\033[8m\b`;
    const line =
      `f=$(printf '${evil}'); touch "$f"; git clean -f -- "$f"; echo rc=$?; ` +
      String.raw`d=$(printf 'src/d\033[1A\r\342\200\256fdp.exe'); mkdir -p "$d"; cd "$d"; git reset -q --hard; echo rc=$?`;
    const result = await runIn(fx, line, { env: SHORT });
    expect(result.stdout, result.stderr).toBe("rc=77\nrc=77\n");
    expect(diffSnapshots(before, outsideSnapshot(fx))).toEqual([]);

    const listing = fx.hs(["approvals"]);
    expect(listing.code, listing.stderr).toBe(0);
    expect(listing.stdout).not.toMatch(RAW);
    expect(listing.stdout).toContain(String.raw`$'src/x\e[2K\rgit status\e[8m\b'`);
    expect(listing.stdout).toContain(String.raw`src/d\e[1A\r\u{202e}fdp.exe`);
    // The preview lists the untracked file the clean would delete, escaped too.
    expect(listing.stdout).toMatch(/could lose:[\s\S]*x\\e\[2K\\rgit status/);

    const requests = JSON.parse(fx.hs(["approvals", "--json"]).stdout) as any[];
    const clean = requests.find((request) => request.rule === "git.clean");
    const reset = requests.find((request) => request.rule === "git.reset.hard");
    expect(clean.argv.at(-1)).toBe("src/x\u001b[2K\rgit status\u001b[8m\b");
    expect(clean.argv_display).not.toMatch(RAW);
    expect(reset.cwd).toContain("\u202e");

    const approved = fx.hs(["approve", clean.id, "--scope", "job"]);
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).not.toMatch(RAW);
    expect(fx.hs(["grants"]).stdout).not.toMatch(RAW);
    expect(fx.hs(["grants"]).stdout).toContain(String.raw`x\e[2K\rgit status`);
    const denied = fx.hs(["deny", reset.id, "--reason", "no"]);
    expect(denied.stdout).not.toMatch(RAW);
    const all = fx.hs(["approvals", "--all"]);
    expect(all.stdout).not.toMatch(RAW);
    expect(fs.existsSync(path.join(fx.s1, "src/x\u001b[2K\rgit status\u001b[8m\b"))).toBe(true);
  });
});
