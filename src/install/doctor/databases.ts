// devcc.db must pass PRAGMA integrity_check; the Flight Recorder's hash chain must verify.
import fs from "node:fs";
import path from "node:path";
import { openSqlite } from "../../registry/sqlite.ts";
import { openFlightRecorder, flightRecorderPath } from "../../registry/flight-recorder.ts";
import { problem, type Finding } from "./finding.ts";

export function checkDatabases(handshakeDir: string): Finding[] {
  const findings: Finding[] = [];
  const index = path.join(handshakeDir, "devcc.db");
  if (!fs.existsSync(index)) {
    findings.push(problem("DB-MISSING", `${index} does not exist`, "sessions, locks and approvals are indexed there", "hs rebuild"));
  } else {
    try {
      const db = openSqlite(index, { readonly: true });
      try {
        const rows = db.pragma("integrity_check") as { integrity_check: string }[];
        const bad = rows.map((row) => row.integrity_check).filter((line) => line !== "ok");
        if (bad.length) findings.push(problem("DB-CORRUPT", `${index} fails PRAGMA integrity_check: ${bad.slice(0, 3).join("; ")}`, "the index may answer wrongly", `mv '${index}' '${index}.corrupt' && hs rebuild`));
      } finally {
        db.close();
      }
    } catch (error) {
      findings.push(problem("DB-CORRUPT", `${index} cannot be read: ${(error as Error).message}`, "the index may answer wrongly", `mv '${index}' '${index}.corrupt' && hs rebuild`));
    }
  }
  if (!fs.existsSync(flightRecorderPath(handshakeDir))) {
    findings.push(problem("FR-MISSING", `${flightRecorderPath(handshakeDir)} does not exist`, "the audit log is gone; history cannot be proven", "hs init   (starts a new, empty log; restore the old file from a backup if you have one)"));
    return findings;
  }
  try {
    const fr = openFlightRecorder(handshakeDir, { create: false });
    try {
      const result = fr.verify();
      if (!result.ok) {
        const bad = result.first_bad;
        findings.push(
          problem("FR-CHAIN-BROKEN", `the Flight Recorder chain breaks at event seq ${bad?.seq ?? "?"} (${bad?.reason ?? "unknown"})`, "the audit log was edited or truncated outside hs", "hs log verify   (shows the first bad event; keep the file for investigation)"),
        );
      }
    } finally {
      fr.close();
    }
  } catch (error) {
    findings.push(problem("FR-UNREADABLE", `the Flight Recorder cannot be opened: ${(error as Error).message}`, "events cannot be recorded or verified", "hs log verify"));
  }
  return findings;
}
