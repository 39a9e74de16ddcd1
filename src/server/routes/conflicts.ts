// /api/v1/conflicts: the radar (hs conflicts), predicted conflicts between live sessions and their targets.
import { z } from "zod";
import { conflictRadar } from "../../merge/radar.ts";
import { route } from "../router.ts";

const Query = z.strictObject({
  dirty: z.enum(["true", "false"]).default("true").describe("scan worktrees for uncommitted files too"),
});

export const conflictRoutes = [
  route<z.infer<typeof Query>>({
    method: "GET",
    path: "/api/v1/conflicts",
    summary: "the conflict radar, as hs conflicts --json (?dirty=false skips the worktree scan)",
    query: Query,
    handle: ({ ws }, { query }) => conflictRadar(ws, { dirty: query.dirty === "true" }),
  }),
];
