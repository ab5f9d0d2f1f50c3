import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, dataOf } from '../api/api-client';
import { type SignedInUser, useSession } from '../auth/session';
import { formatDay, formatMoney, formatPercent } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import styles from './my-day.module.css';
import { type NewTask, PRIORITIES, type Priority, type Task, type TaskChange, utcDay, viewOf } from './task-data';

const TASKS_KEY = ['tasks'] as const;

/** My day: the signed-in person's tasks (or a teammate's, or the pool's) in the order risk × revenue × due says. */
export function MyDayPage() {
  const { t } = useTranslation();
  const me = useSession().data as SignedInUser;
  const [params, setParams] = useSearchParams();
  const view = viewOf(params);
  const leads = me.role === 'leader' || me.role === 'admin';
  const queryClient = useQueryClient();
  const team = useQuery({
    queryKey: ['team-users'],
    queryFn: async ({ signal }) => dataOf(await api.GET('/api/users', { params: { query: { limit: 200 } }, signal })),
  });
  const tasks = useQuery({
    queryKey: [...TASKS_KEY, view.who, view.status],
    queryFn: async ({ signal }) =>
      dataOf(
        await api.GET('/api/tasks', {
          params: { query: { assignee: view.who, status: view.status, limit: 200 } },
          signal,
        }),
      ),
  });
  const change = useMutation({
    mutationFn: async ({ id, body }: { id: string; body: TaskChange }) =>
      dataOf(await api.PATCH('/api/tasks/{id}', { params: { path: { id } }, body })),
    // A ticked box shows ticked at once (the list is refetched when the server has answered).
    onMutate: async ({ id, body }) => {
      const key = [...TASKS_KEY, view.who, view.status];
      await queryClient.cancelQueries({ queryKey: key });
      queryClient.setQueryData<{ data: Task[] }>(key, (old) =>
        old
          ? {
              data: old.data.map((task) =>
                task.id !== id
                  ? task
                  : {
                      ...task,
                      ...(body.checklist
                        ? { checklist: body.checklist.map((item) => ({ ...item, done: item.done ?? false })) }
                        : {}),
                      ...(body.status ? { status: body.status } : {}),
                    },
              ),
            }
          : old,
      );
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
  });
  const setView = (next: Partial<{ who: string; status: string }>) => {
    const merged = { ...view, ...next };
    const search = new URLSearchParams();
    if (merged.who !== 'me') search.set('who', merged.who);
    if (merged.status !== 'open') search.set('status', merged.status);
    setParams(search);
  };
  const teammates = (team.data?.data ?? []).filter((user) => user.role !== 'viewer' && !user.disabled);
  const list = tasks.data?.data ?? [];

  return (
    <section className={styles.page} aria-labelledby="my-day-title">
      <div className={styles.header}>
        <h1 id="my-day-title" className={styles.title}>
          {t('tasks.title')}
        </h1>
        <div className={styles.filters}>
          <label>
            {t('tasks.filters.who')}
            <select value={view.who} onChange={(event) => setView({ who: event.target.value })}>
              <option value="me">{t('tasks.filters.mine')}</option>
              <option value="none">{t('tasks.filters.pool')}</option>
              {leads &&
                teammates
                  .filter((user) => user.id !== me.id)
                  .map((user) => (
                    <option key={user.id} value={user.id}>
                      {user.name}
                    </option>
                  ))}
            </select>
          </label>
          <label>
            {t('tasks.filters.status')}
            <select value={view.status} onChange={(event) => setView({ status: event.target.value })}>
              <option value="open">{t('tasks.filters.open')}</option>
              <option value="done">{t('tasks.filters.done')}</option>
            </select>
          </label>
        </div>
      </div>
      <p className={styles.lead}>{t('tasks.lead')}</p>
      {change.isError && (
        <p role="alert" className={styles.error}>
          {change.error.message}
        </p>
      )}
      {tasks.isError && (
        <p role="alert" className={styles.error}>
          {tasks.error.message}
        </p>
      )}
      {tasks.isSuccess && list.length === 0 && (
        <p className={`${styles.card} ${styles.empty}`}>
          {view.status === 'done' ? t('tasks.emptyDone') : t('tasks.empty')}
        </p>
      )}
      {list.length > 0 && (
        <ol className={styles.list} aria-label={t('tasks.listLabel')}>
          {list.map((task) => (
            <TaskItem
              key={task.id}
              task={task}
              teammates={teammates}
              busy={change.isPending}
              onChange={(body) => change.mutate({ id: task.id, body })}
            />
          ))}
        </ol>
      )}
      <NewTaskForm onMade={() => void queryClient.invalidateQueries({ queryKey: TASKS_KEY })} />
    </section>
  );
}

function TaskItem({
  task,
  teammates,
  busy,
  onChange,
}: {
  task: Task;
  teammates: { id: string; name: string }[];
  busy: boolean;
  onChange(body: TaskChange): void;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const [snoozeDay, setSnoozeDay] = useState(utcDay(2));
  const titleId = useId();
  const done = task.status === 'done';
  const colour = task.account.healthColour ?? 'none';
  const mrr = task.account.mrr;
  return (
    <li className={`${styles.card} ${styles.task} ${done ? styles.done : ''}`} aria-labelledby={titleId}>
      <input
        type="checkbox"
        className={styles.complete}
        checked={done}
        disabled={busy}
        aria-label={t(done ? 'tasks.reopen' : 'tasks.complete', { title: task.title })}
        onChange={() => onChange({ status: done ? 'open' : 'done' })}
      />
      <div>
        <h2 id={titleId}>
          <span>{task.title}</span>
          <Link to={`/accounts/${task.accountId}`}>{task.accountName}</Link>
          <span className={`${styles.badge} ${styles[task.priority] ?? ''}`}>
            {t(`tasks.priorities.${task.priority}`)}
          </span>
        </h2>
        <p className={styles.reason}>{task.reason || t('tasks.addedByHand')}</p>
        <dl className={styles.facts}>
          <div>
            <dt>{t('tasks.due')}</dt>
            <dd className={task.rank.overdue && !done ? styles.overdue : undefined}>
              {task.dueDate
                ? task.rank.overdue && !done
                  ? t('tasks.overdue', { day: formatDay(task.dueDate, locale) })
                  : formatDay(task.dueDate, locale)
                : t('tasks.noDue')}
            </dd>
          </div>
          <div>
            <dt>{t('tasks.health')}</dt>
            <dd>
              <span className={`${styles.dot} ${styles[colour]}`} aria-hidden="true" />
              {t(`tasks.colours.${colour}`)}
            </dd>
          </div>
          <div>
            <dt>{t('tasks.churnRisk')}</dt>
            <dd>
              {task.account.churnRisk === null
                ? t('tasks.notPredicted')
                : formatPercent(task.account.churnRisk, locale)}
            </dd>
          </div>
          <div>
            <dt>{t('tasks.mrr')}</dt>
            <dd>{mrr ? formatMoney(mrr, locale) : '—'}</dd>
          </div>
          {task.assigneeId === null && task.pool && (
            <div>
              <dt>{t('tasks.pool')}</dt>
              <dd>{task.pool}</dd>
            </div>
          )}
        </dl>
        {task.checklist.length > 0 && (
          <ul className={styles.checklist} aria-label={t('tasks.checklist', { title: task.title })}>
            {task.checklist.map((item, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: checklist items have no id; their place is who they are
              <li key={index}>
                <label className={item.done ? styles.ticked : undefined}>
                  <input
                    type="checkbox"
                    checked={item.done}
                    disabled={busy || done}
                    onChange={() =>
                      onChange({
                        checklist: task.checklist.map((other, at) =>
                          at === index ? { ...other, done: !other.done } : other,
                        ),
                      })
                    }
                  />
                  {item.text}
                </label>
              </li>
            ))}
          </ul>
        )}
        {!done && (
          <p className={styles.why}>
            {t('tasks.why', {
              position: task.rank.position,
              risk: task.account.churnRisk === null ? '—' : formatPercent(task.rank.churnRisk, locale),
              mrr: mrr ? formatMoney({ amount: String(task.rank.mrr), currency: mrr.currency }, locale) : '—',
              urgency: task.rank.urgency.toFixed(2),
            })}
          </p>
        )}
      </div>
      {!done && (
        <div className={styles.actions}>
          <fieldset disabled={busy}>
            <legend>{t('tasks.snooze')}</legend>
            <button type="button" onClick={() => onChange({ snoozedUntil: utcDay(1) })}>
              {t('tasks.snoozeDay')}
            </button>
            <button type="button" onClick={() => onChange({ snoozedUntil: utcDay(7) })}>
              {t('tasks.snoozeWeek')}
            </button>
            <input
              type="date"
              aria-label={t('tasks.snoozeUntil', { title: task.title })}
              min={utcDay(1)}
              value={snoozeDay}
              onChange={(event) => setSnoozeDay(event.target.value)}
            />
            <button type="button" disabled={!snoozeDay} onClick={() => onChange({ snoozedUntil: snoozeDay })}>
              {t('tasks.snoozeTo')}
            </button>
          </fieldset>
          <label>
            <span className="visually-hidden">{t('tasks.reassign', { title: task.title })}</span>
            <select
              value={task.assigneeId ?? ''}
              disabled={busy}
              aria-label={t('tasks.reassign', { title: task.title })}
              onChange={(event) => event.target.value && onChange({ assigneeId: event.target.value })}
            >
              {task.assigneeId === null && <option value="">{t('tasks.unassigned')}</option>}
              {teammates.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
    </li>
  );
}

function NewTaskForm({ onMade }: { onMade(): void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [draft, setDraft] = useState<{ accountId: string; title: string; dueDate: string; priority: Priority }>({
    accountId: '',
    title: '',
    dueDate: utcDay(1),
    priority: 'normal',
  });
  const accounts = useQuery({
    queryKey: ['task-account-search', search],
    enabled: search.trim().length > 0,
    queryFn: async ({ signal }) =>
      dataOf(await api.GET('/api/portfolio', { params: { query: { search: search.trim(), limit: 10 } }, signal })),
  });
  const make = useMutation({
    mutationFn: async (body: NewTask) => dataOf(await api.POST('/api/tasks', { body })),
    onSuccess: () => {
      setDraft({ accountId: '', title: '', dueDate: utcDay(1), priority: 'normal' });
      setSearch('');
      onMade();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    make.mutate({
      accountId: draft.accountId,
      title: draft.title,
      priority: draft.priority,
      ...(draft.dueDate ? { dueDate: draft.dueDate } : {}),
    });
  };
  const found = accounts.data?.data ?? [];
  return (
    <section className={styles.card} aria-labelledby="new-task-title">
      <h2 id="new-task-title" className={styles.title}>
        {t('tasks.new.title')}
      </h2>
      <form className={styles.form} onSubmit={submit}>
        <label>
          {t('tasks.new.search')}
          <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        <label>
          {t('tasks.new.account')}
          <select
            required
            aria-label={t('tasks.new.account')}
            value={draft.accountId}
            onChange={(event) => setDraft({ ...draft, accountId: event.target.value })}
          >
            <option value="">{found.length === 0 ? t('tasks.new.searchFirst') : t('tasks.new.pick')}</option>
            {found.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('tasks.new.taskTitle')}
          <input
            required
            value={draft.title}
            maxLength={300}
            onChange={(event) => setDraft({ ...draft, title: event.target.value })}
          />
        </label>
        <label>
          {t('tasks.due')}
          <input
            type="date"
            value={draft.dueDate}
            onChange={(event) => setDraft({ ...draft, dueDate: event.target.value })}
          />
        </label>
        <label>
          {t('tasks.new.priority')}
          <select
            aria-label={t('tasks.new.priority')}
            value={draft.priority}
            onChange={(event) => setDraft({ ...draft, priority: event.target.value as Priority })}
          >
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {t(`tasks.priorities.${priority}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={make.isPending}>
          {t('tasks.new.add')}
        </button>
      </form>
      {make.isError && (
        <p role="alert" className={styles.error}>
          {make.error.message}
        </p>
      )}
      {make.isSuccess && <p role="status">{t('tasks.new.made')}</p>}
    </section>
  );
}
