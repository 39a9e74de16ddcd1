// hs version for provenance; read from package.json so it never drifts from the release.
import { createRequire } from "node:module";
import { packagePath } from "../package-root.ts";

const require = createRequire(import.meta.url);
export const HS_VERSION_STRING: string = (require(packagePath("package.json")) as { version: string }).version;
