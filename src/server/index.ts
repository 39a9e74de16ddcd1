export { serveUiOp, type ServeInput } from "./serve.ts";
export { startServer, type RunningServer, type StartOptions } from "./http.ts";
export { createHandler, type Handler, type CoreOptions } from "./handler.ts";
export { createAuth, type Auth } from "./auth.ts";
export { isLoopback, ownHosts, MAX_BODY_BYTES } from "./security.ts";
export { ROUTES } from "./routes/index.ts";
export type { HttpRequest, HttpResponse } from "./types.ts";
