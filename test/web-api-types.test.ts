import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hoistDefinitions } from '../src/server/openapi-refs.js';
import { API_TYPES_FILE, apiTypesSource } from '../src/web/api-types.js';

describe("the web app's API types", () => {
  it('match the server: regenerate with `npm run web:api-types` when this fails', async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    expect(committed === (await apiTypesSource()), 'web/src/api/schema.d.ts is stale: run npm run web:api-types').toBe(
      true,
    );
  }, 60_000);

  it("move zod's per-schema $defs to components, renaming a clash", () => {
    const document = {
      paths: {
        '/a': { get: { schema: { $ref: '#/$defs/Node', $defs: { Node: { type: 'string' } } } } },
        '/b': { get: { schema: { $ref: '#/$defs/Node', $defs: { Node: { type: 'number' } } } } },
      },
      components: { schemas: { Error: { $ref: '#/$defs/Error', $defs: { Error: { type: 'object' } } } } },
    };
    // Worked by hand: /a's Node is the first "Node"; /b's differs, so it becomes Node2; Error is its own definition.
    expect(hoistDefinitions(document)).toEqual({
      paths: {
        '/a': { get: { schema: { $ref: '#/components/schemas/Node' } } },
        '/b': { get: { schema: { $ref: '#/components/schemas/Node2' } } },
      },
      components: {
        schemas: { Error: { type: 'object' }, Node: { type: 'string' }, Node2: { type: 'number' } },
      },
    });
  });
});
