import { z } from 'zod';
import { defineRoute } from '../server/route.js';

const auditQuery = z.strictObject({
  accountId: z.uuid().optional(),
  entity: z.string().optional(),
  entityId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

const auditEntry = z.object({
  id: z.uuid(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  accountId: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()).nullable(),
});

export const auditRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/audit',
    access: 'leader',
    tag: 'Audit',
    summary: 'Who changed what, newest first',
    query: auditQuery,
    response: z.object({ data: z.array(auditEntry) }),
    async handler({ db, query }) {
      let select = db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit ?? 100);
      if (query.accountId) select = select.where('account_id', '=', query.accountId);
      if (query.entity) select = select.where('entity', '=', query.entity);
      if (query.entityId) select = select.where('entity_id', '=', query.entityId);
      const rows = await select.execute();
      return {
        body: {
          data: rows.map((row) => ({
            id: row.id,
            at: row.at.toISOString(),
            actor: row.actor,
            action: row.action,
            entity: row.entity,
            entityId: row.entity_id,
            accountId: row.account_id,
            changes: row.changes,
          })),
        },
      };
    },
  }),
];
