import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, dataOf } from '../api/api-client';
import type { paths } from '../api/schema';
import { formatAgo, formatDay } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import styles from './settings.module.css';
import { fieldIssue, SaveError } from './settings-form';

type Key = paths['/api/keys']['get']['responses']['200']['content']['application/json']['data'][number];
type Created = paths['/api/keys']['post']['responses']['201']['content']['application/json'];
type KeyBody = NonNullable<paths['/api/keys']['post']['requestBody']>['content']['application/json'];

/** The kinds of key a person picks from, in the order they are usually needed. */
const KINDS = {
  browser: { scope: 'ingest', browser: true },
  server: { scope: 'ingest', browser: false },
  viewer: { scope: 'viewer', browser: false },
  csm: { scope: 'csm', browser: false },
  admin: { scope: 'admin', browser: false },
} as const;
type Kind = keyof typeof KINDS;
const kindOf = (key: Key): Kind => (key.browser ? 'browser' : key.scope === 'ingest' ? 'server' : key.scope);

/** API keys: make one (its secret and snippet shown once), see when each was last used, revoke. */
export function KeySettings() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ['keys'], queryFn: async () => dataOf(await api.GET('/api/keys')).data });
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('browser');
  const [created, setCreated] = useState<Created | undefined>();
  const create = useMutation({
    mutationFn: async (body: KeyBody) => dataOf(await api.POST('/api/keys', { body })),
    onSuccess: (answer) => {
      setCreated(answer);
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: async (id: string) => dataOf(await api.DELETE('/api/keys/{id}', { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['keys'] }),
  });
  const live = (keys.data ?? []).filter((key) => !key.revokedAt);
  const revoked = (keys.data ?? []).filter((key) => key.revokedAt);

  return (
    <>
      <section className={styles.card} aria-labelledby="new-key-title">
        <h2 id="new-key-title">{t('settings.keys.newTitle')}</h2>
        <p className={styles.lead}>{t('settings.keys.lead')}</p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setCreated(undefined);
            const { scope, browser } = KINDS[kind];
            create.mutate({ name, scope, ...(browser ? { browser } : {}) });
          }}
        >
          <div className={styles.fields}>
            <label className={styles.field}>
              <span>{t('settings.keys.name')}</span>
              <input
                className={`${styles.input} ${styles.wide}`}
                value={name}
                required
                maxLength={100}
                aria-invalid={Boolean(fieldIssue(create.error, 'name'))}
                placeholder={t('settings.keys.namePlaceholder')}
                onChange={(event) => setName(event.target.value)}
              />
            </label>
            <label className={styles.field}>
              <span>{t('settings.keys.kind')}</span>
              <select value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
                {(Object.keys(KINDS) as Kind[]).map((value) => (
                  <option key={value} value={value}>
                    {t(`settings.keys.kinds.${value}`)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className={styles.primary} disabled={create.isPending}>
              {t('settings.keys.create')}
            </button>
          </div>
          <p className={styles.hint}>{t(`settings.keys.kindHints.${kind}`)}</p>
          <SaveError error={create.error} />
        </form>
        {created && <NewSecret created={created} onDone={() => setCreated(undefined)} />}
      </section>

      <section className={styles.card} aria-labelledby="keys-title">
        <h2 id="keys-title">{t('settings.keys.listTitle')}</h2>
        {keys.isError && <SaveError error={keys.error} />}
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t('settings.keys.name')}</th>
              <th scope="col">{t('settings.keys.kind')}</th>
              <th scope="col">{t('settings.keys.prefix')}</th>
              <th scope="col">{t('settings.keys.created')}</th>
              <th scope="col">{t('settings.keys.lastUsed')}</th>
              <th scope="col">{t('settings.keys.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('settings.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.isSuccess && keys.data.length === 0 && (
              <tr>
                <td colSpan={7} className={styles.muted}>
                  {t('settings.keys.none')}
                </td>
              </tr>
            )}
            {[...live, ...revoked].map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td>{t(`settings.keys.kinds.${kindOf(key)}`)}</td>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>{formatDay(key.createdAt.slice(0, 10), locale)}</td>
                <td>
                  {key.lastUsedAt ? (
                    <time dateTime={key.lastUsedAt} title={key.lastUsedAt}>
                      {formatAgo(key.lastUsedAt, locale)}
                    </time>
                  ) : (
                    <span className={styles.muted}>{t('settings.keys.neverUsed')}</span>
                  )}
                </td>
                <td>
                  {key.revokedAt ? (
                    <span className={`${styles.badge} ${styles.badgeBad}`}>{t('settings.keys.revoked')}</span>
                  ) : (
                    <span className={`${styles.badge} ${styles.badgeGood}`}>{t('settings.keys.live')}</span>
                  )}
                </td>
                <td>
                  {!key.revokedAt && (
                    <button
                      type="button"
                      className={styles.danger}
                      disabled={revoke.isPending}
                      aria-label={t('settings.keys.revokeNamed', { name: key.name })}
                      onClick={() => {
                        if (window.confirm(t('settings.keys.confirmRevoke', { name: key.name }))) revoke.mutate(key.id);
                      }}
                    >
                      {t('settings.keys.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <SaveError error={revoke.error} />
      </section>
    </>
  );
}

/** The secret, once: Pacer keeps only its hash, so closing this panel loses it for good. */
function NewSecret({ created, onDone }: { created: Created; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <section className={`${styles.secret} ${styles.spaced}`} aria-labelledby="secret-title">
      <h3 id="secret-title">{t('settings.keys.secretTitle', { name: created.key.name })}</h3>
      <p>{t('settings.keys.secretOnce')}</p>
      <code data-testid="new-key-secret">{created.secret}</code>
      <figure className={styles.snippet}>
        <figcaption>{t('settings.keys.snippet')}</figcaption>
        <pre>{created.snippet}</pre>
      </figure>
      <div className={styles.actions}>
        <button
          type="button"
          className={styles.secondary}
          onClick={() => {
            void navigator.clipboard?.writeText(created.secret).then(() => setCopied(true));
          }}
        >
          {t('settings.keys.copy')}
        </button>
        <button type="button" className={styles.primary} onClick={onDone}>
          {t('settings.keys.done')}
        </button>
        <span role="status">{copied ? t('settings.keys.copied') : ''}</span>
      </div>
    </section>
  );
}
