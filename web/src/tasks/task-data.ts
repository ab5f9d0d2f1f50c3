import type { components, paths } from '../api/schema';

export type Task = components['schemas']['Task'];
export type TaskChange = NonNullable<paths['/api/tasks/{id}']['patch']['requestBody']>['content']['application/json'];
export type NewTask = NonNullable<paths['/api/tasks']['post']['requestBody']>['content']['application/json'];
export type Priority = Task['priority'];
export const PRIORITIES: Priority[] = ['urgent', 'high', 'normal', 'low'];

/** The UTC calendar day `offset` days from now, as the server counts days (YYYY-MM-DD). */
export function utcDay(offset = 0, now = new Date()): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
}

/** Whose tasks and which ones the page shows, as kept in its URL (?who=me|none|<user id>&status=open|done). */
export interface TaskView {
  who: string;
  status: 'open' | 'done';
}

export function viewOf(params: URLSearchParams): TaskView {
  return { who: params.get('who') || 'me', status: params.get('status') === 'done' ? 'done' : 'open' };
}
