// Session host: sandbox profile, host process, gate daemon, watcher, lifecycle signals, crash recovery.
export { terminateSessionProcesses, stopSessionTree, continueSessionTree, liveChild } from "./lifecycle.ts";
export { recoverCrashedSessions, sessionHostAlive } from "./recovery.ts";
export { runHost, type HostOptions } from "./host.ts";
export { startDetachedHost, sessionLogPath } from "./detach.ts";
export { bwrapArgs, type ProfileInput } from "./profile.ts";
export { absorbSessionObjects, prepareObjectStore } from "./objects.ts";
export { recordViaHost, gateViaHost, askHost } from "./host-client.ts";
export { probeSandbox, requireSandbox } from "./availability.ts";
