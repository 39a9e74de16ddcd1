// A merge-back summary as the operator reads it: status, counts, conflicts and violations, the next command.
import type { MergeBackSummary } from "../pages/types.ts";
import { escapeControls } from "../format.ts";
import { StateBadge } from "./common.tsx";

export function MergeReport({ summary }: { summary: MergeBackSummary }) {
  return (
    <div class="merge-report" data-testid="merge-report">
      <p>
        <StateBadge state={summary.status === "clean" || summary.status === "applied" ? "completed" : summary.status === "empty" ? "cancelled" : "failed"} label={summary.status} />{" "}
        {summary.commits} commit{summary.commits === 1 ? "" : "s"}, {summary.files} file{summary.files === 1 ? "" : "s"} into <code>{summary.target_ref}</code>
      </p>
      {summary.conflicts.length > 0 && (
        <>
          <h3>Conflicts</h3>
          <ul class="conflicts">
            {summary.conflicts.map((c) => (
              <li>
                <code>{escapeControls(c.path ?? "")}</code> ({c.kind})
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.violations.length > 0 && (
        <>
          <h3>Violations</h3>
          <ul>
            {summary.violations.map((v) => (
              <li>
                <code>{escapeControls(v.path ?? "")}</code> {v.code}: {escapeControls(v.message)}
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.report && (
        <p>
          Conflict report: <code>{summary.report}</code>
        </p>
      )}
      <p>
        next: <code>{summary.next}</code>
      </p>
    </div>
  );
}
