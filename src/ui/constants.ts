// Closed lists the page offers in its selects, checked against the server's model types at compile time (the
// model modules build zod schemas at load, which the page should not ship just for these names).
import type { WorkPacket } from "../work/wp-model.ts";

export const WP_TYPES = ["feature", "bug", "refactor", "docs", "test", "chore"] as const satisfies readonly WorkPacket["type"][];

/** Fails to compile when the model gains a type this list lacks. */
type Missing = Exclude<WorkPacket["type"], (typeof WP_TYPES)[number]>;
export const WP_TYPES_COMPLETE: Missing extends never ? true : never = true;
