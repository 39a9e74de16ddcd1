// Tracked files under .handshake/ (outside gov/) would be committed and merged like source.
import { trackedStateFiles } from "../tracked.ts";
import { problem, type Finding } from "./finding.ts";

export function checkTrackedState(mainRoot: string): Finding[] {
  return trackedStateFiles(mainRoot).map((file) =>
    problem("STATE-TRACKED", `${file} is tracked by git`, ".handshake/ outside gov/ is local state (index, log, artifacts); committing it leaks it into every branch", `git rm --cached -- '${file}'`),
  );
}
