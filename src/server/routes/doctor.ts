// /api/v1/doctor: the findings of hs doctor (read only; --fix stays on the command line).
import { runDoctor } from "../../install/doctor/index.ts";
import { route } from "../router.ts";

export const doctorRoutes = [
  route({
    method: "GET",
    path: "/api/v1/doctor",
    summary: "hs doctor --json: hooks, registry drift, database integrity, tracked state, bubblewrap",
    handle: async ({ ws }) => {
      const report = await runDoctor(ws.loc);
      const problems = report.findings.filter((finding) => finding.severity === "problem").length;
      return { ...report, problems };
    },
  }),
];
