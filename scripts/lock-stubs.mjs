// The npm registry reachable here serves only some platform builds of a few packages (e.g. rollup's and
// lefthook's per-platform binaries), so npm leaves those optional dependencies out of package-lock.json
// and `npm ci` then refuses the lock as out of sync. This adds a lock entry (version, os, cpu, libc;
// no tarball) for every platform optional dependency the lock lacks; npm skips them on other
// platforms without fetching anything. Run after regenerating the lock: node scripts/lock-stubs.mjs
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const lockFile = path.join(root, "package-lock.json");
const lock = JSON.parse(fs.readFileSync(lockFile, "utf8"));

const OS = ["android", "darwin", "freebsd", "linux", "openbsd", "openharmony", "win32", "windows", "sunos", "aix", "netbsd"];
const CPU = { arm: "arm", "arm-eabi": "arm", arm64: "arm64", x64: "x64", ia32: "ia32", loong64: "loong64", ppc64: "ppc64", riscv64: "riscv64", s390x: "s390x" };

/** lefthook-linux-arm64, @rollup/rollup-linux-arm-musleabihf, ... -> {os, cpu, libc} or undefined. */
export function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const osIndex = parts.findIndex((part) => OS.includes(part));
  if (osIndex < 0) return undefined;
  const rest = parts.slice(osIndex + 1);
  const cpu = CPU[rest[0]] ?? CPU[rest.slice(0, 2).join("-")];
  if (!cpu) return undefined;
  const os = parts[osIndex] === "windows" ? "win32" : parts[osIndex];
  const tail = rest.join("-");
  const libc = os === "linux" ? (tail.includes("musl") ? "musl" : tail.includes("gnu") ? "glibc" : undefined) : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = location ? `${location}/node_modules/${dep}` : `node_modules/${dep}`;
    if (lock.packages[base] || lock.packages[`node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    lock.packages[`node_modules/${dep}`] = {
      version: String(version).replace(/^[\^~=]/, ""),
      cpu: [platform.cpu],
      dev: entry.dev ?? undefined,
      ...(platform.libc ? { libc: [platform.libc] } : {}),
      optional: true,
      os: [platform.os],
    };
    added += 1;
  }
}
fs.writeFileSync(lockFile, JSON.stringify(lock, null, 2) + "\n");
console.log(`lock-stubs: added ${added} platform entries`);
