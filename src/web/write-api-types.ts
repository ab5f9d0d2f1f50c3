// `npm run web:api-types`: regenerates web/src/api/schema.d.ts from the server's routes.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { API_TYPES_FILE, apiTypesSource } from './api-types.js';

writeFileSync(API_TYPES_FILE, await apiTypesSource());
process.stdout.write(`wrote ${fileURLToPath(API_TYPES_FILE)}\n`);
