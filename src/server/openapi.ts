// An OpenAPI 3.1 description generated from the routes' own zod schemas, so the documented shapes are the
// validated ones. Served at /api/v1/openapi.json.
import { z } from "zod";
import type { Route } from "./router.ts";

function parameters(route: Route) {
  const path = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  type ObjectSchema = { properties?: Record<string, unknown>; required?: string[] };
  const query = route.query ? (z.toJSONSchema(route.query, { io: "input" }) as ObjectSchema) : {};
  const fromQuery = Object.entries(query.properties ?? {}).map(([name, schema]) => ({
    name,
    in: "query",
    required: query.required?.includes(name) ?? false,
    schema,
  }));
  return [...path, ...fromQuery];
}

function jsonBody(schema: z.ZodType) {
  return { required: false, content: { "application/json": { schema: z.toJSONSchema(schema, { io: "input" }) } } };
}

export function openApi(routes: readonly Route[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const key = route.path.replace(/:(\w+)/g, "{$1}");
    paths[key] ??= {};
    paths[key][route.method.toLowerCase()] = {
      summary: route.summary,
      parameters: parameters(route),
      ...(route.body ? { requestBody: jsonBody(route.body) } : {}),
      responses: { "200": { description: "JSON" }, "4XX": { description: "{error: {code, message, hint, details}}" } },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "hs Dev Command Center API", version },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        browserLogin: { type: "apiKey", in: "cookie", name: "hs_dcc" },
      },
    },
    security: [{ bearer: [] }, { browserLogin: [] }],
    paths,
  };
}
