// conflicts.md: the human-readable twin of conflicts.json. Pure: report in, markdown out.
import type { ConflictsReport } from "./schemas.ts";

const short = (oid: string) => oid.slice(0, 12);
const sideText = (side: { mode: string; oid: string } | null) => (side ? `\`${short(side.oid)}\` (${side.mode})` : "—");

function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}\n${text}${text.endsWith("\n") || text === "" ? "" : "\n"}${ticks}`;
}

export function renderConflictsMarkdown(report: ConflictsReport): string {
  const lines = [
    `# Merge-back blocked: ${report.conflicts.length} conflict${report.conflicts.length === 1 ? "" : "s"} in session ${report.session_id}`,
    "",
    `- target: \`${report.target_ref}\` at \`${short(report.target_oid)}\``,
    `- session head: \`${short(report.head)}\`, merge base \`${short(report.merge_base)}\``,
    `- written: ${report.created_at}`,
    "",
    "Nothing was merged or resolved. Resolve in the session worktree (for example merge or rebase onto the",
    "target there), commit, then run `hs merge-back " + report.session_id + "` again.",
    "",
    "| path | kind | base | ours (target) | theirs (session) | other sessions |",
    "|---|---|---|---|---|---|",
  ];
  for (const conflict of report.conflicts) {
    lines.push(
      `| \`${conflict.path}\` | ${conflict.kind} | ${sideText(conflict.base)} | ${sideText(conflict.ours)} | ${sideText(conflict.theirs)} | ${conflict.other_sessions.join(", ") || "—"} |`,
    );
  }
  for (const conflict of report.conflicts) {
    lines.push("", `## \`${conflict.path}\` — ${conflict.kind}`, "");
    for (const message of conflict.messages) lines.push(`- ${message}`);
    if (conflict.related_paths.length) lines.push(`- related paths: ${conflict.related_paths.map((path) => `\`${path}\``).join(", ")}`);
    for (const [index, hunk] of (conflict.hunks ?? []).entries()) {
      lines.push("", `### hunk ${index + 1} (line ${hunk.start_line})`, "", "ours (target):", fence(hunk.ours));
      if (hunk.base !== null) lines.push("base:", fence(hunk.base));
      lines.push("theirs (session):", fence(hunk.theirs));
    }
  }
  return lines.join("\n") + "\n";
}
