// Class 2: objects a session writes are never read by host-side git, or another session, before their ids are
// recomputed from content. Forgeries: a loose object and a pack whose .idx both claim the id of the shared
// governance blob, an object pre-planted under the id of the operator's uncommitted file, a multi-pack-index and
// alternates in the store. The host's radar, merge-back and close import the store; nothing forged gets through.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attack, buildFixture, expectSharedFsckClean, FORGE_PRELUDE, hsJson, mainBlob, nodePayload, type Fixture } from "./harness.ts";

let fx: Fixture;
beforeAll(() => {
  fx = buildFixture({ sessions: [{ id: "f1", scope: ["src/**"] }, { id: "f2", scope: ["src/**"] }] });
});
afterAll(() => fx?.cleanup());

const POLICY = "rule: agents must not edit governance\n";

/** A one-object pack of `content`, whose .idx then claims `claimedId` instead. */
const LYING_PACK = `
function lyingPack(content, claimedId) {
  const real = git(["hash-object", "-w", "--stdin"], content);
  const name = git(["pack-objects", path.join(objects, "pack", "pack")], real + "\\n");
  fs.rmSync(loosePath(real));
  const idxFile = path.join(objects, "pack", "pack-" + name + ".idx");
  fs.chmodSync(idxFile, 0o644);
  const idx = fs.readFileSync(idxFile);
  const claimed = Buffer.from(claimedId, "hex");
  for (let i = 0; i < 256; i++) idx.writeUInt32BE(i >= claimed[0] ? 1 : 0, 8 + i * 4);
  claimed.copy(idx, 8 + 1024);
  fs.writeFileSync(idxFile, idx);
}
`;

describe("forged objects never reach the shared store", () => {
  it("loose and pack forgeries of the governance blob, a pre-planted id, a multi-pack-index and alternates", async () => {
    const policyId = fx.git(["rev-parse", "main:.GOV/policy.md"]).trim();
    // The operator's uncommitted work in the main checkout, whose blob id the session can compute.
    fs.writeFileSync(path.join(fx.main, "src", "wip.ts"), "export const wip = 'operator';\n");
    const wipId = fx.git(["hash-object", "src/wip.ts"]).trim();
    const s2Store = path.join(fx.common, "hs-objects", "f2");
    const planted = await attack(fx, nodePayload(`${FORGE_PRELUDE}${LYING_PACK}
      writeLoose(${JSON.stringify(policyId)}, "blob", "rule: agents may edit governance (loose)\\n");
      writeLoose(${JSON.stringify(wipId)}, "blob", "export const wip = 'forged';\\n");
      lyingPack("rule: agents may edit governance (pack)\\n", ${JSON.stringify(policyId)});
      lyingPack("export const wip = 'forged in a pack';\\n", ${JSON.stringify(wipId)});
      try { git(["multi-pack-index", "write"]); } catch {}
      fs.writeFileSync(path.join(objects, "info", "alternates"), ${JSON.stringify(s2Store)} + "\\n" + ${JSON.stringify(path.join(fx.common, "objects"))} + "\\n");
      console.log("inside the session, the forgery reads as: " + git(["cat-file", "-p", ${JSON.stringify(policyId)}]));
    `), "f1");
    expect(planted.code, planted.stderr).toBe(0);
    expect(planted.stdout).toContain("agents may edit governance"); // the forgery is live inside the session
    expect(planted.changes).toEqual([]);

    // Host-side reads that import the store: the radar, a merge-back dry run, then cancel + close.
    expect(hsJson(fx, ["conflicts"]).code).toBe(0);
    expect(hsJson(fx, ["merge-back", "f1"]).code).toBe(0);
    expect(mainBlob(fx, ".GOV/policy.md")).toBe(POLICY);
    expect(fx.git(["cat-file", "-p", policyId])).toBe(POLICY);
    expect(() => fx.git(["cat-file", "-e", wipId])).toThrow(); // the forgery got its own id; this one is still free
    expectSharedFsckClean(fx);

    expect(fx.hs(["session", "cancel", "f1", "--reason", "attack"]).code).toBe(0);
    const closed = fx.hs(["session", "close", "f1"]);
    expect(closed.code, closed.stderr).toBe(0);
    expect(fs.existsSync(path.join(fx.common, "hs-objects", "f1"))).toBe(false);
    expect(mainBlob(fx, ".GOV/policy.md")).toBe(POLICY);
    expectSharedFsckClean(fx);

    // The operator commits the file whose id was pre-planted: the commit holds the operator's content.
    fx.git(["add", "src/wip.ts"]);
    fx.git(["commit", "-qm", "operator wip"]);
    expect(fx.git(["show", "HEAD:src/wip.ts"])).toBe("export const wip = 'operator';\n");
    expectSharedFsckClean(fx);
    // A new session checks out the governance file as it is, not as forged.
    expect(fx.hs(["session", "create", "--id", "f3", "--scope", "src/**"]).code).toBe(0);
    expect(fs.readFileSync(path.join(fx.wts, "f3", ".GOV", "policy.md"), "utf8")).toBe(POLICY);
  });
});
