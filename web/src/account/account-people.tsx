import { useTranslation } from 'react-i18next';
import { formatInteger } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import { type Stakeholders, useStakeholders } from './account-data';
import { ColourDot } from './account-health';
import styles from './account-page.module.css';
import { formatDays } from './account-words';

type Signal = Stakeholders['signalDetails'][number];

/** Stakeholders: each person with their role and own engagement, and who went quiet. */
export function StakeholdersSection({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const people = useStakeholders(id);
  const data = people.data;
  const signal = (s: Signal) =>
    t(`account.people.signals.${s.kind}`, {
      who: s.who ?? '',
      days: s.daysSinceActive === null ? t('account.people.noUse') : formatDays(s.daysSinceActive, locale),
      count: s.othersActive,
    });
  return (
    <section className={styles.card} aria-labelledby="people-title">
      <div className={styles.cardHeader}>
        <h2 id="people-title">{t('account.people.title')}</h2>
      </div>
      {people.isPending ? (
        <div className={styles.skeletonBlock} />
      ) : people.isError ? (
        <p role="alert">{t('account.sectionFailed', { message: people.error.message })}</p>
      ) : !data || data.stakeholders.length === 0 ? (
        <p className={styles.muted}>{t('account.people.none')}</p>
      ) : (
        <>
          {data.signalDetails.length > 0 && (
            <ul className={styles.signals}>
              {data.signalDetails.map((s) => (
                <li key={`${s.kind}-${s.contactId ?? ''}`}>⚠ {signal(s)}</li>
              ))}
            </ul>
          )}
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t('account.people.name')}</th>
                <th scope="col">{t('account.people.role')}</th>
                <th scope="col">{t('account.people.health')}</th>
                <th scope="col">{t('account.people.lastActive')}</th>
                <th scope="col" className={styles.numeric}>
                  {t('account.people.activeDays')}
                </th>
                <th scope="col" className={styles.numeric}>
                  {t('account.people.nps')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.stakeholders.slice(0, 12).map((person) => (
                <tr key={person.contactId} className={person.active ? undefined : styles.inactive}>
                  <th scope="row" className={styles.measureName}>
                    {person.name ?? person.email ?? person.externalId}
                    {!person.active && <span className={styles.muted}> · {t('account.people.inactive')}</span>}
                  </th>
                  <td>{person.role ? t(`account.people.roles.${person.role}`) : t('common.notAvailable')}</td>
                  <td>
                    <span className={styles.band}>
                      <ColourDot colour={person.color} />
                      {person.score === null ? t('common.notAvailable') : formatInteger(person.score, locale)}
                    </span>
                  </td>
                  <td>
                    {person.daysSinceActive === null
                      ? t('account.people.never')
                      : new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-person.daysSinceActive, 'day')}
                  </td>
                  <td className={styles.numeric}>{formatInteger(person.activeDays30, locale)}</td>
                  <td className={styles.numeric}>
                    {person.latestNps === null ? t('common.notAvailable') : formatInteger(person.latestNps, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.stakeholders.length > 12 && (
            <p className={styles.muted}>{t('account.people.more', { count: data.stakeholders.length - 12 })}</p>
          )}
        </>
      )}
    </section>
  );
}
