// The server's shapes, re-exported for the page (types only; see src/server/api-types.ts).
export type * from "../../server/api-types.ts";
export type { MicroTask } from "../../work/mt-model.ts";
