// /api/v1/search: context.search (git grep across a worktree, bounded) and open_ref (a bounded excerpt).
import { z } from "zod";
import { openRefOp, searchOp, SEARCH_LIMITS, OPEN_LIMITS } from "../../search/ops.ts";
import { route } from "../router.ts";

const target = z.string().min(1).max(64).describe("a session id, or main for the main checkout");
const flag = z.enum(["0", "1", "true", "false"]).optional();
const on = (value: string | undefined) => value === "1" || value === "true";
const SearchQuery = z.strictObject({
  target,
  q: z.string().min(1).max(SEARCH_LIMITS.patternBytes).describe(`the pattern (fixed string unless regex=1), at most ${SEARCH_LIMITS.patternBytes} bytes`),
  regex: flag.describe("1: an extended regular expression"),
  untracked: flag.describe("1: untracked files too (ignored files never)"),
  max_results: z.string().regex(/^\d{1,4}$/).optional().describe(`at most this many hits (default ${SEARCH_LIMITS.defaultResults}, max ${SEARCH_LIMITS.maxResults})`),
});
const OpenQuery = z.strictObject({
  target,
  path: z.string().min(1).max(4096),
  line: z.string().regex(/^\d{1,9}$/).describe("1-based line"),
  context: z.string().regex(/^\d{1,3}$/).optional().describe(`lines before and after (default ${OPEN_LIMITS.defaultContext}, max ${OPEN_LIMITS.maxContext})`),
});

export const searchRoutes = [
  route<z.infer<typeof SearchQuery>>({
    method: "GET",
    path: "/api/v1/search",
    summary: "context.search: git grep across a worktree; snippet refs (path, line, excerpt), bounded in size and time (hs search)",
    query: SearchQuery,
    handle: ({ ws, actor }, { query }) =>
      searchOp(ws, actor, {
        target: query.target,
        q: query.q,
        regex: on(query.regex),
        untracked: on(query.untracked),
        maxResults: query.max_results === undefined ? undefined : Number(query.max_results),
      }),
  }),
  route<z.infer<typeof OpenQuery>>({
    method: "GET",
    path: "/api/v1/search/open",
    summary: "open_ref: the lines around one line of a worktree file, bounded (hs search open)",
    query: OpenQuery,
    handle: ({ ws, actor }, { query }) =>
      openRefOp(ws, actor, { target: query.target, path: query.path, line: Number(query.line), context: query.context === undefined ? undefined : Number(query.context) }),
  }),
];
