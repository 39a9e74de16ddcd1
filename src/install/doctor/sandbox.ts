// Is bubblewrap there and able to create a sandbox here (user namespaces allowed, setuid or root)?
import { spawnSync } from "node:child_process";
import { problem, warning, type Finding } from "./finding.ts";

export function checkBubblewrap(required: boolean): Finding[] {
  const make = required ? problem : warning;
  const version = spawnSync("bwrap", ["--version"], { encoding: "utf8" });
  if (version.error || version.status !== 0) {
    return [make("BWRAP-MISSING", "bubblewrap (bwrap) is not installed or not on PATH", "sessions cannot run sandboxed; hs refuses to start them unless waived per session", "sudo apt-get install -y bubblewrap")];
  }
  const trial = spawnSync("bwrap", ["--ro-bind", "/", "/", "true"], { encoding: "utf8" });
  if (trial.error || trial.status !== 0) {
    return [
      make(
        "BWRAP-BROKEN",
        `bwrap is installed (${version.stdout.trim()}) but cannot create a sandbox: ${(trial.stderr || trial.error?.message || "").trim()}`,
        "the kernel refuses unprivileged user namespaces here, so sessions cannot be sandboxed",
        "sudo sysctl -w kernel.unprivileged_userns_clone=1   (or: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0)",
      ),
    ];
  }
  return [];
}
