// Every /api/v1 route, in the order the README's table lists them.
import type { Route } from "../router.ts";
import { sessionRoutes } from "./sessions.ts";
import { approvalRoutes } from "./approvals.ts";
import { workRoutes } from "./work.ts";
import { eventRoutes } from "./events.ts";

export const ROUTES: readonly Route[] = [...sessionRoutes, ...approvalRoutes, ...workRoutes, ...eventRoutes];
