// hs init / uninstall / doctor building blocks.
export { installHooks, hookEntry, type InstallResult } from "./install.ts";
export { uninstallHooks, type UninstallResult } from "./uninstall.ts";
export { readInstallRecord, hooksDirFor, recordPath, type InstallRecord } from "./record.ts";
export { GIT_HOOK_NAMES, CHECKED_HOOKS } from "./hook-names.ts";
export { runDoctor, type DoctorReport, type Finding } from "./doctor/index.ts";
export { trackedStateFiles } from "./tracked.ts";
