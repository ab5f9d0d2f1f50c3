import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, dataOf } from '../api/api-client';
import type { components, paths } from '../api/schema';
import { type SignedInUser, useSession } from '../auth/session';
import styles from './settings.module.css';
import { fieldIssue, Saved, SaveError } from './settings-form';

type TeamUser = components['schemas']['TeamUser'];
type Role = TeamUser['role'];
type NewUser = NonNullable<paths['/api/users']['post']['requestBody']>['content']['application/json'];
type UserChange = NonNullable<paths['/api/users/{id}']['patch']['requestBody']>['content']['application/json'];
const ROLES: Role[] = ['admin', 'leader', 'csm', 'viewer'];
const TEAM_KEY = ['team-users'] as const;

/** The people who sign in: invite, change a role, set a new password, disable and enable. */
export function TeamSettings() {
  const { t } = useTranslation();
  const me = useSession().data as SignedInUser;
  const queryClient = useQueryClient();
  const team = useQuery({
    queryKey: TEAM_KEY,
    queryFn: async ({ signal }) => dataOf(await api.GET('/api/users', { params: { query: { limit: 200 } }, signal })),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: TEAM_KEY });
  const [draft, setDraft] = useState<NewUser>({ email: '', name: '', role: 'csm', password: '' });
  const invite = useMutation({
    mutationFn: async (body: NewUser) => dataOf(await api.POST('/api/users', { body })),
    onSuccess: () => {
      setDraft({ email: '', name: '', role: 'csm', password: '' });
      refresh();
    },
  });
  const change = useMutation({
    mutationFn: async ({ id, body }: { id: string; body: UserChange }) =>
      dataOf(await api.PATCH('/api/users/{id}', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
  const [passwordFor, setPasswordFor] = useState<TeamUser | undefined>();

  return (
    <>
      <section className={styles.card} aria-labelledby="team-title">
        <h2 id="team-title">{t('settings.users.title')}</h2>
        <p className={styles.lead}>{t('settings.users.lead')}</p>
        {team.isError && <SaveError error={team.error} />}
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t('settings.users.name')}</th>
              <th scope="col">{t('settings.users.email')}</th>
              <th scope="col">{t('settings.users.role')}</th>
              <th scope="col">{t('settings.users.signIn')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('settings.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(team.data?.data ?? []).map((user) => {
              const isMe = user.id === me.id;
              return (
                <tr key={user.id}>
                  <td>{user.name}</td>
                  <td>{user.email}</td>
                  <td>
                    <select
                      aria-label={t('settings.users.roleOf', { name: user.name })}
                      value={user.role}
                      disabled={isMe || change.isPending}
                      title={isMe ? t('settings.users.notYourself') : undefined}
                      onChange={(event) => change.mutate({ id: user.id, body: { role: event.target.value as Role } })}
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {t(`shell.roles.${role}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {user.disabled ? (
                      <span className={`${styles.badge} ${styles.badgeBad}`}>{t('settings.users.disabled')}</span>
                    ) : user.canSignIn ? (
                      <span className={`${styles.badge} ${styles.badgeGood}`}>{t('settings.users.canSignIn')}</span>
                    ) : (
                      <span className={styles.badge}>{t('settings.users.noPassword')}</span>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      className={styles.link}
                      aria-label={t('settings.users.setPasswordFor', { name: user.name })}
                      onClick={() => setPasswordFor(user)}
                    >
                      {t('settings.users.setPassword')}
                    </button>
                    {!isMe && (
                      <button
                        type="button"
                        className={user.disabled ? styles.link : styles.danger}
                        disabled={change.isPending}
                        aria-label={t(user.disabled ? 'settings.users.enableNamed' : 'settings.users.disableNamed', {
                          name: user.name,
                        })}
                        onClick={() => change.mutate({ id: user.id, body: { disabled: !user.disabled } })}
                      >
                        {t(user.disabled ? 'settings.users.enable' : 'settings.users.disable')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <SaveError error={change.error} />
        {passwordFor && <SetPassword user={passwordFor} onDone={() => setPasswordFor(undefined)} />}
      </section>

      <section className={styles.card} aria-labelledby="invite-title">
        <h2 id="invite-title">{t('settings.users.inviteTitle')}</h2>
        <p className={styles.lead}>{t('settings.users.inviteLead')}</p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const { password, ...rest } = draft;
            invite.mutate(password ? draft : rest);
          }}
        >
          <div className={styles.fields}>
            <label className={styles.field}>
              <span>{t('settings.users.name')}</span>
              <input
                className={`${styles.input} ${styles.medium}`}
                value={draft.name}
                required
                aria-invalid={Boolean(fieldIssue(invite.error, 'name'))}
                onChange={(event) => setDraft({ ...draft, name: event.target.value })}
              />
            </label>
            <label className={styles.field}>
              <span>{t('settings.users.email')}</span>
              <input
                type="email"
                className={`${styles.input} ${styles.wide}`}
                value={draft.email}
                required
                aria-invalid={Boolean(fieldIssue(invite.error, 'email'))}
                onChange={(event) => setDraft({ ...draft, email: event.target.value })}
              />
            </label>
            <label className={styles.field}>
              <span>{t('settings.users.role')}</span>
              <select value={draft.role} onChange={(event) => setDraft({ ...draft, role: event.target.value as Role })}>
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`shell.roles.${role}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className={styles.field}>
              <span>{t('settings.users.password')}</span>
              <input
                type="password"
                autoComplete="new-password"
                className={`${styles.input} ${styles.medium}`}
                value={draft.password ?? ''}
                minLength={10}
                aria-invalid={Boolean(fieldIssue(invite.error, 'password'))}
                onChange={(event) => setDraft({ ...draft, password: event.target.value })}
              />
            </label>
            <button type="submit" className={styles.primary} disabled={invite.isPending}>
              {t('settings.users.invite')}
            </button>
          </div>
          <p className={styles.hint}>{t('settings.users.passwordHint')}</p>
          <div className={styles.actions}>
            <Saved show={invite.isSuccess} />
          </div>
          <SaveError error={invite.error} />
        </form>
      </section>
    </>
  );
}

/** A new password for someone: it ends their sessions, so they sign in again with it. */
function SetPassword({ user, onDone }: { user: TeamUser; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const save = useMutation({
    mutationFn: async () =>
      dataOf(await api.PATCH('/api/users/{id}', { params: { path: { id: user.id } }, body: { password } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: TEAM_KEY });
      onDone();
    },
  });
  return (
    <form
      className={`${styles.secret} ${styles.spaced}`}
      aria-label={t('settings.users.setPasswordFor', { name: user.name })}
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <div className={styles.fields}>
        <label className={styles.field}>
          <span>{t('settings.users.newPasswordFor', { name: user.name })}</span>
          <input
            type="password"
            autoComplete="new-password"
            className={`${styles.input} ${styles.medium}`}
            value={password}
            required
            minLength={10}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <button type="submit" className={styles.primary} disabled={save.isPending}>
          {t('settings.users.savePassword')}
        </button>
        <button type="button" className={styles.secondary} onClick={onDone}>
          {t('settings.cancel')}
        </button>
      </div>
      <p className={styles.hint}>{t('settings.users.passwordEndsSessions')}</p>
      <SaveError error={save.error} />
    </form>
  );
}
