import { z } from 'zod';
import { hoistDefinitions } from './openapi-refs.js';
import type { RouteSpec } from './route.js';

const errorSchema = z
  .object({
    error: z
      .string()
      .describe('A machine-readable code: invalid_request, unauthorized, forbidden, not_found, conflict.'),
    message: z.string().describe('What went wrong, naming the fields.'),
    issues: z.array(z.object({ field: z.string(), message: z.string() })),
  })
  .meta({ id: 'Error' });

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const described = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(described.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (described.required ?? []).includes(name),
    description: property.description,
    schema: property,
  }));
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** The OpenAPI 3.1 document, made from the same zod schemas that validate each request. */
export function openApiDocument(routes: RouteSpec[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const status = String(route.status ?? 200);
    paths[path] ??= {};
    paths[path][route.method] = {
      tags: [route.tag],
      summary: route.summary,
      operationId: `${route.method}${path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase())}`,
      'x-pacer-access': route.access,
      security:
        route.access === 'anonymous'
          ? []
          : route.access === 'ingest'
            ? [{ bearer: [] }]
            : [{ bearer: [] }, { session: [] }],
      parameters: [
        ...parameters(route.params as z.ZodType | undefined, 'path'),
        ...parameters(route.query as z.ZodType | undefined, 'query'),
      ],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body as z.ZodType, 'input') } },
            },
          }
        : {}),
      responses: {
        [status]: route.response
          ? {
              description: 'Success',
              content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
            }
          : { description: 'Success' },
        '400': errorResponse('The request is invalid; `issues` names each field and the reason.'),
        ...(route.access === 'anonymous'
          ? {}
          : { '401': errorResponse('No or an unknown API key.'), '403': errorResponse('The key may not do this.') }),
      },
    };
  }
  // Every `#/$defs/…` a schema carries becomes a component, so the document's refs resolve for any client generator.
  return hoistDefinitions({
    openapi: '3.1.0',
    info: {
      title: 'Pacer API',
      version,
      description: 'Customer success platform: accounts, contacts, subscriptions, notes, surveys, tickets.',
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(errorSchema, 'output') },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API key from `pacer keys create`.' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'pacer_session',
          description:
            'The cookie POST /api/auth/login sets; a change made with it also needs the X-CSRF-Token header it returns.',
        },
      },
    },
  });
}
