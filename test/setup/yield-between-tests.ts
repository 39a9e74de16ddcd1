// vitest's worker reports to the runner over an RPC channel with a fixed 60 s reply timeout, and Node runs expired
// timers before it reads pipes. Most tests here drive git and hs with spawnSync, so a file of such tests can keep
// the worker's event loop busy for minutes: the runner's reply waits unread, the timeout fires first, and a run
// where every test passed exits 1 ("Timeout calling onTaskUpdate"). Passing through the event loop after each
// test reads the replies while they are fresh; a single test must still not block it for a minute on its own.
import { afterEach } from "vitest";

afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
