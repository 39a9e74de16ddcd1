// Every /api/v1 route, in the order the README's table lists them.
import { route, type Route } from "../router.ts";
import { openApi } from "../openapi.ts";
import { sessionRoutes } from "./sessions.ts";
import { sessionVerbRoutes } from "./session-verbs.ts";
import { approvalRoutes } from "./approvals.ts";
import { workRoutes } from "./work.ts";
import { eventRoutes } from "./events.ts";
import { conflictRoutes } from "./conflicts.ts";
import { doctorRoutes } from "./doctor.ts";
import { anchorReadRoutes, workWriteRoutes } from "./work-write.ts";
import { checkpointRoutes, verifyRoutes, workspaceRoutes } from "./checkpoints.ts";
import { vcsRoutes } from "./vcs.ts";
import { searchRoutes } from "./search.ts";
import { jobRoutes } from "./jobs.ts";

export const API_VERSION = "1.0.0";

export const ROUTES: readonly Route[] = [
  ...workspaceRoutes,
  ...sessionRoutes,
  ...sessionVerbRoutes,
  ...checkpointRoutes,
  ...approvalRoutes,
  ...workRoutes,
  ...workWriteRoutes,
  ...anchorReadRoutes,
  ...verifyRoutes,
  ...eventRoutes,
  ...conflictRoutes,
  ...doctorRoutes,
  ...vcsRoutes,
  ...searchRoutes,
  ...jobRoutes,
  route({
    method: "GET",
    path: "/api/v1/openapi.json",
    summary: "this API as OpenAPI 3.1, generated from the routes' zod schemas",
    handle: () => openApi(ROUTES, API_VERSION),
  }),
];
