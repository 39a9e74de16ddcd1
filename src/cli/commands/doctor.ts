// hs doctor [--json]: hooks, registry drift, database integrity, tracked state, bubblewrap. Exit 1 on any problem.
import { EXIT } from "../../errors.ts";
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines } from "../output.ts";
import { locateRepo } from "../../registry/locate.ts";
import { repairDoctor, runDoctor } from "../../install/doctor/index.ts";
import { currentActor } from "../../ops/current.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(argv, parser(argv, "hs doctor").option("json", { type: "boolean", default: false }).option("fix", { type: "boolean", default: false, describe: "repair session admin files and object-store alternates" }));
  if (!args) return;
  const loc = locateRepo(process.cwd());
  if (args.fix) {
    const repairs = await repairDoctor(loc, currentActor());
    if (!args.json) printLines(repairs.length ? repairs.map((line) => `repaired: ${line}`) : ["nothing to repair"]);
  }
  const report = await runDoctor(loc);
  const problems = report.findings.filter((finding) => finding.severity === "problem").length;
  if (args.json) {
    printJson({ ...report, code: problems ? "HS-DOCTOR-PROBLEMS" : null });
  } else {
    const lines = [`hs doctor: ${report.main_root} (checks: ${report.checks.join(", ")})`];
    if (!report.findings.length) lines.push("  all good");
    for (const finding of report.findings) {
      lines.push(`  ${finding.severity === "problem" ? "PROBLEM" : "warning"} [${finding.code}] ${finding.what}`, `      why: ${finding.why}`, `      fix: ${finding.fix}`);
    }
    printLines(lines);
    if (problems) process.stderr.write(`hs: error [HS-DOCTOR-PROBLEMS] ${problems} problem(s) found\n`);
  }
  return problems ? EXIT.failure : EXIT.ok;
}
