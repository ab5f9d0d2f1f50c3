import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiRequestError } from '../api/api-client';
import { formatDay, formatMoment, formatMoney } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import { UsageSection } from './account-charts';
import { ChurnSection } from './account-churn';
import { type AccountOverview, useOverview, useUpdateAccount } from './account-data';
import { todayUtc } from './account-days';
import { HealthSection } from './account-health';
import styles from './account-page.module.css';
import { StakeholdersSection } from './account-people';
import { SubscriptionsSection } from './account-subscriptions';
import { TimelineSection } from './account-timeline';

const STAGES = ['onboarding', 'adoption', 'renewal', 'expansion', 'advocacy', 'churned'] as const;
const TIERS = ['high_touch', 'low_touch', 'tech_touch'] as const;

/** A UTC day relative to today in whole days ("3 days ago", "today"): usage is counted per UTC day. */
function daysAgo(day: string, locale: string): string {
  const days = Math.round((Date.parse(`${todayUtc()}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-days, 'day');
}

/** Where the back link goes: the portfolio as the CSM left it (its filters travel in the link's state). */
function portfolioLink(state: unknown): string {
  const search = (state as { portfolioSearch?: unknown } | null)?.portfolioSearch;
  return typeof search === 'string' && search.startsWith('?') ? `/portfolio${search}` : '/portfolio';
}

/** Account 360: one page with everything a CSM needs about one account, in sections. */
export function AccountPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const overview = useOverview(id);
  const back = portfolioLink(location.state);
  const notFound = overview.error instanceof ApiRequestError && [400, 404].includes(overview.error.status);

  if (overview.isError) {
    return (
      <div className={styles.page}>
        <Link to={back} className={styles.back}>
          ← {t('account.back')}
        </Link>
        <h1 className={styles.title}>{t('account.errorTitle')}</h1>
        <p role="alert">
          {notFound ? t('account.notFound') : t('account.loadFailed', { message: overview.error.message })}
        </p>
      </div>
    );
  }
  const account = overview.data;
  return (
    <div className={styles.page}>
      <div className={styles.header}>
        <Link to={back} className={styles.back}>
          ← {t('account.back')}
        </Link>
        <h1 className={styles.title}>{account ? account.name : '\u00a0'}</h1>
        {account?.externalId && <span className={styles.chip}>{account.externalId}</span>}
        {account?.domain && <span className={styles.chip}>{account.domain}</span>}
      </div>
      {account && <AccessNote account={account} />}
      <KeyFacts account={account} />
      <div className={styles.columns}>
        <div className={styles.column}>
          <HealthSection id={id} mayOverride={account?.youMay.overrideHealth ?? false} />
          <UsageSection id={id} />
          <StakeholdersSection id={id} />
          <SubscriptionsSection id={id} />
        </div>
        <div className={styles.column}>
          <ChurnSection id={id} />
          <TimelineSection id={id} mayAddNote={account?.youMay.addNote ?? false} />
        </div>
      </div>
    </div>
  );
}

/** Says plainly why a control is missing: a viewer changes nothing, a CSM not owning the account only some things. */
function AccessNote({ account }: { account: AccountOverview }) {
  const { t } = useTranslation();
  if (!account.youMay.addNote) return <p className={styles.notice}>{t('account.viewerReadOnly')}</p>;
  if (!account.youMay.editAccount) {
    return (
      <p className={styles.notice}>
        {t('account.notYourAccount', { owner: account.owner?.name ?? t('account.facts.unassigned') })}
      </p>
    );
  }
  return null;
}

function KeyFacts({ account }: { account: AccountOverview | undefined }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const [editing, setEditing] = useState(false);
  const none = t('common.notAvailable');
  const fact = (label: string, value: React.ReactNode) => (
    <div className={styles.fact}>
      <dt>{label}</dt>
      <dd>{account ? value : '\u00a0'}</dd>
    </div>
  );
  return (
    <section className={styles.card} aria-labelledby="facts-title">
      <div className={styles.cardHeader}>
        <h2 id="facts-title">{t('account.facts.title')}</h2>
        {account?.youMay.editAccount && !editing && (
          <button type="button" className={styles.linkButton} onClick={() => setEditing(true)}>
            {t('account.facts.edit')}
          </button>
        )}
      </div>
      {account && editing ? (
        <EditFacts account={account} onDone={() => setEditing(false)} />
      ) : (
        <dl className={styles.facts}>
          {fact(t('account.facts.owner'), account?.owner?.name ?? t('account.facts.unassigned'))}
          {fact(
            t('account.facts.stage'),
            account && t(`account.stages.${account.lifecycleStage}`, { defaultValue: account.lifecycleStage }),
          )}
          {fact(t('account.facts.tier'), account?.tier ? t(`account.tiers.${account.tier}`) : none)}
          {fact(t('account.facts.mrr'), account?.mrr ? formatMoney(account.mrr, locale) : none)}
          {fact(t('account.facts.arr'), account?.arr ? formatMoney(account.arr, locale) : none)}
          {fact(t('account.facts.renewal'), account?.renewalDate ? formatDay(account.renewalDate, locale) : none)}
          {fact(
            t('account.facts.firstSeen'),
            account && (
              <span title={formatMoment(account.firstSeenAt, locale)}>
                {formatDay(account.firstSeenAt.slice(0, 10), locale)}
              </span>
            ),
          )}
          {fact(
            t('account.facts.lastActive'),
            account?.lastActiveDay ? (
              <span title={formatDay(account.lastActiveDay, locale)}>{daysAgo(account.lastActiveDay, locale)}</span>
            ) : (
              none
            ),
          )}
          {fact(t('account.facts.externalId'), account?.externalId ?? none)}
          {fact(t('account.facts.domain'), account?.domain ?? none)}
        </dl>
      )}
    </section>
  );
}

function EditFacts({ account, onDone }: { account: AccountOverview; onDone(): void }) {
  const { t } = useTranslation();
  const update = useUpdateAccount(account.id);
  const [stage, setStage] = useState(account.lifecycleStage);
  const [tier, setTier] = useState(account.tier ?? '');
  return (
    <form
      className={styles.inlineForm}
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate({ lifecycleStage: stage, coverageTier: tier === '' ? null : tier }, { onSuccess: onDone });
      }}
    >
      <label>
        <span>{t('account.facts.stage')}</span>
        <select value={stage} onChange={(event) => setStage(event.target.value)}>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {t(`account.stages.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('account.facts.tier')}</span>
        <select value={tier} onChange={(event) => setTier(event.target.value)}>
          <option value="">{t('common.notAvailable')}</option>
          {TIERS.map((s) => (
            <option key={s} value={s}>
              {t(`account.tiers.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={styles.primary} disabled={update.isPending}>
        {t('account.facts.save')}
      </button>
      <button type="button" className={styles.secondary} onClick={onDone}>
        {t('account.facts.cancel')}
      </button>
      {update.isError && (
        <p role="alert" className={styles.error}>
          {t('account.facts.saveFailed', { message: update.error.message })}
        </p>
      )}
    </form>
  );
}
