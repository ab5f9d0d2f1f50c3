import { z } from 'zod';
import { notFound } from '../server/http-error.js';
import { defineRoute } from '../server/route.js';
import { evaluatePlaybook } from './evaluate-playbook.js';
import { playbookDefinitionSchema } from './playbook.schema.js';
import {
  createPlaybook,
  findPlaybook,
  listPlaybooks,
  playbookVersions,
  type StoredPlaybook,
  savePlaybookVersion,
  setPlaybookEnabled,
} from './playbook-store.js';

// Playbooks as data (issue 19): list, read with history, save as a new version, turn on and off, and the dry run —
// which accounts it would hit now and why, for a saved playbook or a definition not saved yet.

const definitionOutput = z.record(z.string(), z.unknown()).describe('A PlaybookDefinition as saved');

const playbookOutput = z
  .object({
    id: z.uuid(),
    name: z.string(),
    version: z.number().int(),
    enabled: z.boolean(),
    shipped: z.boolean().describe('One of the playbooks Pacer ships'),
    definition: definitionOutput,
    updatedAt: z.string(),
  })
  .meta({ id: 'Playbook' });

const versionOutput = z.object({
  version: z.number().int(),
  definition: definitionOutput,
  createdBy: z.string(),
  createdAt: z.string(),
});

const hitOutput = z
  .object({
    accountId: z.uuid(),
    accountName: z.string(),
    reason: z.string().describe('Why, in a sentence: "Health turned red on 2026-12-01 (score 38); renews in 41 days"'),
    triggers: z
      .array(
        z.object({
          index: z.number().int().describe('The trigger’s position in the definition'),
          facts: z.record(z.string(), z.unknown()).describe('The trigger kind and the values behind the sentence'),
        }),
      )
      .describe('Each trigger that fired, structured, for wording in another language'),
  })
  .meta({ id: 'PlaybookDryRunHit' });

const DRY_RUN_LIMIT = 1000;

const toOutput = (playbook: StoredPlaybook): z.output<typeof playbookOutput> => ({
  id: playbook.id,
  name: playbook.definition.name,
  version: playbook.version,
  enabled: playbook.enabled,
  shipped: playbook.shippedKey !== null,
  definition: playbook.definition,
  updatedAt: playbook.updatedAt,
});

const idParams = z.object({ id: z.uuid({ error: 'must be a playbook id (uuid)' }) });

function toggleRoute(enabled: boolean) {
  return defineRoute({
    method: 'post',
    path: `/api/playbooks/:id/${enabled ? 'enable' : 'disable'}`,
    access: 'leader',
    tag: 'Playbooks',
    summary: enabled ? 'Turn a playbook on' : 'Turn a playbook off',
    params: idParams,
    response: z.object({ playbook: playbookOutput }),
    async handler({ db, params, audit }) {
      const before = await findPlaybook(db, params.id);
      if (!before) throw notFound('playbook', params.id);
      await setPlaybookEnabled(db, params.id, enabled);
      audit({
        action: enabled ? 'enable' : 'disable',
        entity: 'playbook',
        entityId: params.id,
        changes: { enabled: { from: before.enabled, to: enabled } },
      });
      return { body: { playbook: toOutput((await findPlaybook(db, params.id)) as StoredPlaybook) } };
    },
  });
}

export const playbookRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/playbooks',
    access: 'viewer',
    tag: 'Playbooks',
    summary: 'Every playbook, its current version and whether it is on (the shipped ones appear, off, on first read)',
    response: z.object({ data: z.array(playbookOutput) }),
    async handler({ db }) {
      return { body: { data: (await listPlaybooks(db)).map(toOutput) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/playbooks/:id',
    access: 'viewer',
    tag: 'Playbooks',
    summary: 'A playbook with every saved version, newest first',
    params: idParams,
    response: z.object({ playbook: playbookOutput, versions: z.array(versionOutput) }),
    async handler({ db, params }) {
      const playbook = await findPlaybook(db, params.id);
      if (!playbook) throw notFound('playbook', params.id);
      return { body: { playbook: toOutput(playbook), versions: await playbookVersions(db, params.id) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/playbooks',
    access: 'leader',
    tag: 'Playbooks',
    summary: 'Make a playbook (version 1); off unless `enabled` says otherwise',
    status: 201,
    body: playbookDefinitionSchema,
    response: z.object({ playbook: playbookOutput }),
    async handler({ db, body, actor, audit }) {
      const id = await createPlaybook(db, body, actor.label);
      audit({ action: 'create', entity: 'playbook', entityId: id, changes: { version: 1, definition: body } });
      return { body: { playbook: toOutput((await findPlaybook(db, id)) as StoredPlaybook) } };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/playbooks/:id',
    access: 'leader',
    tag: 'Playbooks',
    summary: 'Save a playbook’s whole definition as its next version (earlier versions are kept)',
    params: idParams,
    body: playbookDefinitionSchema,
    response: z.object({ playbook: playbookOutput }),
    async handler({ db, params, body, actor, audit }) {
      const before = await findPlaybook(db, params.id);
      if (!before) throw notFound('playbook', params.id);
      const version = (await savePlaybookVersion(db, params.id, body, actor.label)) as number;
      audit({
        action: 'save version',
        entity: 'playbook',
        entityId: params.id,
        changes: { version: { from: before.version, to: version }, definition: body },
      });
      return { body: { playbook: toOutput((await findPlaybook(db, params.id)) as StoredPlaybook) } };
    },
  }),
  toggleRoute(true),
  toggleRoute(false),
  defineRoute({
    method: 'post',
    path: '/api/playbooks/:id/dry-run',
    // Reads only, and shows nothing a CSM cannot already read: a CSM may try a playbook on the book before asking a
    // leader to turn it on.
    access: 'csm',
    tag: 'Playbooks',
    summary:
      'Which accounts the playbook would hit now, and why, riskiest first (at most 1000; total counts all). The body may carry an unsaved definition to try instead of the saved one.',
    unaudited: 'reads only: nothing is stored or sent',
    params: idParams,
    body: z.strictObject({ definition: playbookDefinitionSchema.optional() }).optional(),
    response: z.object({ data: z.array(hitOutput), total: z.number().int() }),
    async handler({ db, params, body }) {
      const playbook = await findPlaybook(db, params.id);
      if (!playbook) throw notFound('playbook', params.id);
      const hits = await evaluatePlaybook(db, body?.definition ?? playbook.definition);
      return { body: { data: hits.slice(0, DRY_RUN_LIMIT), total: hits.length } };
    },
  }),
];
