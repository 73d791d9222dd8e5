import type { FastifyInstance, RouteOptions } from 'fastify';

declare module 'fastify' {
  interface FastifySchema {
    /** One line for the OpenAPI document (as @fastify/swagger reads it). */
    summary?: string;
  }
}

/** The routes an OpenAPI document is built from, collected as they are registered. */
export type RouteList = Pick<RouteOptions, 'method' | 'url' | 'schema'>[];

/** OpenAPI 3.1 from the collected routes' JSON schemas (`:name` path parameters become `{name}`). */
export function openApiDocument(routes: RouteList, version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter(
      (method) => method !== 'HEAD',
    );
    const path = route.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    const schema = (route.schema ?? {}) as {
      summary?: string;
      body?: unknown;
      response?: Record<string, unknown>;
    };
    const parameters = [...route.url.matchAll(/:([A-Za-z_]+)/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    for (const method of methods) {
      paths[path] ??= {};
      paths[path][method.toLowerCase()] = {
        ...(schema.summary ? { summary: schema.summary } : {}),
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(schema.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: schema.body } } } }
          : {}),
        responses: Object.fromEntries(
          Object.entries(schema.response ?? { 200: {} }).map(([status, body]) => [
            status.toUpperCase(),
            { description: status, content: { 'application/json': { schema: body } } },
          ]),
        ),
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'InfraLM', version },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    paths,
  };
}

/** `GET /openapi.json`: the document for every route registered on the server. */
export async function openApiPlugin(
  app: FastifyInstance,
  options: { routes: RouteList; version: string },
): Promise<void> {
  let document: Record<string, unknown> | undefined;
  app.get('/openapi.json', { schema: { summary: 'This OpenAPI document' } }, async () => {
    // Built on first request, once every plugin has registered its routes.
    document ??= openApiDocument(options.routes, options.version);
    return document;
  });
}
