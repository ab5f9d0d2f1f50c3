import { defineRoute } from '../server/route.js';
import {
  readWorkspaceSettings,
  workspaceSettingsOutput,
  workspaceSettingsSchema,
  writeWorkspaceSettings,
} from './workspace-settings.js';

export const settingsRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/settings',
    access: 'viewer',
    tag: 'Settings',
    summary: 'The reporting currency, the dated exchange rates into it, and what tracking calls may change',
    response: workspaceSettingsOutput,
    async handler({ db }) {
      return { body: await readWorkspaceSettings(db) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/settings',
    access: 'leader',
    tag: 'Settings',
    summary:
      'Set the reporting currency and the exchange rates into it (each with the day it takes effect; replaces the table), and which account fields tracking calls may change',
    body: workspaceSettingsSchema,
    response: workspaceSettingsOutput,
    async handler({ db, body, audit }) {
      const stored = await writeWorkspaceSettings(db, body);
      audit({ action: 'update', entity: 'settings', changes: { workspace: stored } });
      return { body: stored };
    },
  }),
];
