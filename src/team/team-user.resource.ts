import { z } from 'zod';
import type { ResourceSpec, Row } from '../server/resource.js';
import { iso, pickColumns } from '../shared/rows.js';

export const teamRoles = ['admin', 'csm', 'viewer'] as const;

export const teamUserCreate = z.strictObject({
  email: z.email({ error: 'must be an email address' }).toLowerCase(),
  name: z.string().trim().min(1, { error: 'must not be empty' }).max(200),
  role: z.enum(teamRoles),
});

export const teamUserOutput = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(teamRoles),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'TeamUser' });

export const teamUserResource: ResourceSpec = {
  entity: 'team user',
  path: 'users',
  table: 'team_users',
  tag: 'Team',
  accountColumn: null,
  create: teamUserCreate,
  update: teamUserCreate.partial(),
  output: teamUserOutput,
  async toColumns(input) {
    return pickColumns(input, { email: 'email', name: 'name', role: 'role' });
  },
  toOutput: (row: Row) => ({
    id: row.id as string,
    email: row.email as string,
    name: row.name as string,
    role: row.role as (typeof teamRoles)[number],
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
  }),
  filters: {
    email: { column: 'email', schema: z.string().toLowerCase() },
    role: { column: 'role', schema: z.enum(teamRoles) },
  },
  sorts: { name: 'name', createdAt: 'created_at' },
  defaultSort: 'name',
  externalId: false,
  access: { read: 'viewer', write: 'admin', delete: 'admin' },
};
