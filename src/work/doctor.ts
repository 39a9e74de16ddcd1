// hs doctor: the Task Board mirror edited by hand since hs last wrote it (it is never read back).
import fs from "node:fs";
import path from "node:path";
import { warning, type Finding } from "../install/doctor/finding.ts";
import { mirrorState } from "./board.ts";

export function checkTaskBoard(handshakeDir: string): Finding[] {
  const file = path.join(handshakeDir, "gov", "TASK_BOARD.md");
  if (!fs.existsSync(file) || mirrorState(fs.readFileSync(file, "utf8")) !== "advisory_edit") return [];
  return [
    warning(
      "TASK-BOARD-EDITED",
      `${file} was edited by hand since hs wrote it`,
      "the board is a mirror of the work records: the edit changes no work packet, and the next change regenerates the file (the edited copy is kept as an artifact)",
      "hs wp board   (regenerates it now; change work with hs wp … / hs mt …)",
    ),
  ];
}
