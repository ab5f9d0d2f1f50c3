import openapiTS, { astToString } from 'openapi-typescript';
import { allRoutes, version } from '../server/app.js';
import { openApiDocument } from '../server/openapi.js';

/** Where the web app's API types live: generated, never edited by hand. */
export const API_TYPES_FILE = new URL('../../web/src/api/schema.d.ts', import.meta.url);

const HEADER = `// Generated from Pacer's OpenAPI document (allRoutes() in src/server/app.ts) by \`npm run web:api-types\`.
// Do not edit: test/web-api-types.test.ts fails when this file no longer matches the server.

`;

/** The TypeScript the web app's API client is typed with, made from the document /api/openapi.json serves. */
export async function apiTypesSource(): Promise<string> {
  // The same document as the route's (allRoutes() describes every route but that one).
  const document = openApiDocument(
    allRoutes().filter((route) => route.path !== '/api/openapi.json'),
    version,
  );
  // As text: given an object, openapi-typescript reads refs relative to the current directory.
  const ast = await openapiTS(JSON.stringify(document));
  return HEADER + astToString(ast);
}
