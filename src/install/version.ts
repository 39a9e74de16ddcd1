// The installed hs version, from package.json (recorded in the install record).
import fs from "node:fs";
import { packagePath } from "../package-root.ts";

export function hsVersion(): string {
  return (JSON.parse(fs.readFileSync(packagePath("package.json"), "utf8")) as { version: string }).version;
}
