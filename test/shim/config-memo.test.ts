// The gate's remembered `git config` read: reused only while nothing git would read changed; never with an include.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { makeTempRepo, cleanEnv, type TempRepo } from "../helpers/repo.ts";
import { configMemo } from "../../src/shim/config-memo.ts";
import { readGitConfig } from "../../src/shim/context.ts";

describe("configMemo", () => {
  let repo: TempRepo;
  let loads = 0;
  const memo = configMemo(() => "/usr/bin/git");
  // git's own global lookup (HOME is the temp dir, so nothing of this machine leaks in).
  const env = () => {
    const out = cleanEnv({ HOME: repo.dir, XDG_CONFIG_HOME: path.join(repo.dir, "xdg") });
    delete out.GIT_CONFIG_GLOBAL;
    return out;
  };
  // The clock is moved on so that files written by the test are not racy (changed within 1.5 s).
  const read = () => {
    vi.setSystemTime(performance.timeOrigin + performance.now() + 3000);
    return memo.read(repo.root, env(), () => {
      loads += 1;
      return readGitConfig(repo.root, env());
    });
  };
  const settle = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 15);

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    repo = makeTempRepo();
    repo.git(["config", "alias.co", "checkout"]);
    loads = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
    repo.cleanup();
  });

  it("reuses the answer until a config file changes, then reads the new one", () => {
    expect(read().aliases.co).toBe("checkout");
    expect(read().aliases.co).toBe("checkout");
    expect(loads).toBe(1);
    settle();
    repo.git(["config", "alias.co", "commit"]);
    expect(read().aliases.co).toBe("commit");
    expect(loads).toBe(2);
  });

  it("sees a global config file that did not exist before", () => {
    read();
    read();
    settle();
    fs.writeFileSync(path.join(repo.dir, ".gitconfig"), "[alias]\n\tst = status\n");
    expect(read().aliases.st).toBe("status");
    expect(loads).toBe(2);
  });

  it("a different environment is a different answer", () => {
    read();
    const other = memo.read(repo.root, { ...env(), GIT_CONFIG_PARAMETERS: "'alias.x=reset --hard'" }, () => {
      loads += 1;
      return { aliases: { x: "reset --hard" }, config: {} };
    });
    expect(other.aliases.x).toBe("reset --hard");
    expect(loads).toBe(2);
  });

  it("never remembers an answer when a config file includes another", () => {
    repo.git(["config", "include.path", path.join(repo.dir, "extra.gitconfig")]);
    settle();
    read();
    read();
    expect(loads).toBe(2);
  });
});
