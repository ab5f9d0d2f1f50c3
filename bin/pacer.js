#!/usr/bin/env node
// Pacer's command: its TypeScript sources, loaded as bin/load-sources.js says (no build step between a clone and a run).
import { sourceModule } from './load-sources.js';

await import(await sourceModule(new URL('../src/cli/main.ts', import.meta.url).href));
