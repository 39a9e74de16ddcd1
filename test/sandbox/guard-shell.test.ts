// The public shell vectors (../shared/test-vectors/guard-shell.json) replayed through
// `hs session run s1 -- sh -c '<command>'` on a guard-fixture-shaped workspace: every deny line is
// stopped by some layer and nothing outside the session changes; every allow line works.
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { diffSnapshots, outsideSnapshot, reusableFixture, runIn } from "./fixture.ts";
import { vectorFile } from "../helpers/vectors.ts";

interface ShellVector {
  id: string;
  command: string;
  cwd_rel: string;
  expect: "deny" | "allow";
  layers: string[];
  why: string;
}

const vectors = JSON.parse(fs.readFileSync(vectorFile("guard-shell.json"), "utf8")) as ShellVector[];
// Every vector starts from the same freshly built workspace, restored byte for byte before each one.
const workspace = reusableFixture();
afterAll(() => workspace.cleanup());

describe("guard-shell vectors through hs session run", () => {
  it.each(vectors.map((vector) => [`${vector.id} ${vector.expect} [${vector.layers.join(",") || "none"}]: ${vector.command}`, vector] as const))("%s", async (_name, vector) => {
    const fx = workspace.fixture();
    const before = outsideSnapshot(fx);
    // Asks expire quickly instead of waiting 10 minutes for an operator who is not there.
    const result = await runIn(fx, vector.command, { cwd: fx.s1, env: { HS_APPROVAL_TIMEOUT_SECONDS: "2" } });
    const changes = diffSnapshots(before, outsideSnapshot(fx));
    const transcript = `exit ${result.code}\n${result.stdout}\n${result.stderr}`;
    expect(changes, transcript).toEqual([]);
    if (vector.expect === "allow") {
      expect(result.code, transcript).toBe(0);
      return;
    }
    // The shim and the sandbox stop a command where it runs: it must fail. Hook- and merge-back-only lines
    // are stopped later (at commit or merge-back); the shell line itself may succeed inside the session.
    if (vector.layers.includes("shim") || vector.layers.includes("sandbox")) expect(result.code, transcript).not.toBe(0);
  });
});
