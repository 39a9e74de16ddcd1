// Without a built page (dist/ui, from npm run build), `/` tells a logged-in browser where the API is.
import { BASE_HEADERS } from "./respond.ts";
import { ROUTES } from "./routes/index.ts";
import type { JsonResponse } from "./types.ts";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function landingPage(): JsonResponse {
  const rows = ROUTES.map((r) => `<li><code>${r.method} ${escape(r.path)}</code> ${escape(r.summary)}</li>`).join("\n");
  return {
    kind: "html",
    status: 200,
    headers: {
      ...BASE_HEADERS,
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    },
    body:
      '<!doctype html><meta charset="utf-8"><title>hs</title><h1>hs Dev Command Center</h1>\n' +
      `<p>You are logged in. API routes:</p><ul>\n${rows}\n</ul>`,
  };
}
