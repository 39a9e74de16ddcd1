// Standalone entry for the hook runtime (dist/hs-hook.js when the build emits it): skips the CLI
// dispatcher's chunk graph so that each hook pays only Node's start-up plus this module.
import { run } from "./entry.ts";

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // fail closed: an unexpected error refuses the commit or ref update
    process.stderr.write(`hs: hook failed [HS-INTERNAL] ${error instanceof Error ? error.message : String(error)}\n      next: hs doctor\n`);
    process.exitCode = 1;
  },
);
