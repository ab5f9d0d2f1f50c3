import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.js';

/** What runs a query: the database itself, or a transaction on it. */
export type Executor = Kysely<Schema> | Transaction<Schema>;
