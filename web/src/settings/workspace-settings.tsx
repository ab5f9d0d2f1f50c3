import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, dataOf } from '../api/api-client';
import type { paths } from '../api/schema';
import styles from './settings.module.css';
import { fieldIssue, Saved, SaveError } from './settings-form';

type Workspace = paths['/api/settings']['get']['responses']['200']['content']['application/json'];
type Churn = paths['/api/settings/churn']['get']['responses']['200']['content']['application/json'];
type Rate = Workspace['rates'][number];
type TrackingField = Workspace['tracking']['mayUpdate'][number];
const TRACKING_FIELDS: TrackingField[] = ['name', 'owner', 'lifecycleStage', 'tier'];
const COMMON_CURRENCIES = ['JPY', 'USD', 'EUR', 'GBP', 'AUD', 'CAD', 'CHF', 'CNY', 'KRW', 'SGD', 'INR', 'BRL'];
const CHURN_MEANINGS = ['auto', 'contract', 'inactivity'] as const;

/** Reporting currency and its exchange rates, what tracking calls may change, and the churn horizon. */
export function WorkspaceSettings() {
  return (
    <>
      <MoneySettings />
      <ChurnSettings />
    </>
  );
}

function MoneySettings() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['settings', 'workspace'],
    queryFn: async () => dataOf(await api.GET('/api/settings')),
  });
  const [draft, setDraft] = useState<Workspace | undefined>();
  useEffect(() => {
    if (settings.data && !draft) setDraft(structuredClone(settings.data));
  }, [settings.data, draft]);
  const save = useMutation({
    mutationFn: async (body: Workspace) => dataOf(await api.PUT('/api/settings', { body })),
    onSuccess: (stored) => {
      queryClient.setQueryData(['settings', 'workspace'], stored);
      setDraft(structuredClone(stored));
      // Every amount the portfolio shows is in the reporting currency.
      void queryClient.invalidateQueries({ queryKey: ['portfolio'] });
    },
  });
  if (settings.isError) return <SaveError error={settings.error} />;
  if (!draft) return <section className={`${styles.card} ${styles.skeleton}`} aria-busy="true" />;
  const setRate = (index: number, change: Partial<Rate>) =>
    setDraft({ ...draft, rates: draft.rates.map((rate, i) => (i === index ? { ...rate, ...change } : rate)) });
  const rateError = (index: number, field: keyof Rate) => fieldIssue(save.error, `rates.${index}.${field}`);

  return (
    <section className={styles.card} aria-labelledby="money-title">
      <h2 id="money-title">{t('settings.workspace.moneyTitle')}</h2>
      <p className={styles.lead}>{t('settings.workspace.moneyLead')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({
            ...draft,
            reportingCurrency: draft.reportingCurrency?.trim() ? draft.reportingCurrency.trim().toUpperCase() : null,
          });
        }}
      >
        <div className={styles.fields}>
          <label className={styles.field}>
            <span>{t('settings.workspace.reportingCurrency')}</span>
            <input
              className={`${styles.input} ${styles.narrow}`}
              list="currency-codes"
              value={draft.reportingCurrency ?? ''}
              maxLength={3}
              aria-invalid={Boolean(fieldIssue(save.error, 'reportingCurrency'))}
              onChange={(event) => setDraft({ ...draft, reportingCurrency: event.target.value || null })}
            />
            <datalist id="currency-codes">
              {COMMON_CURRENCIES.map((code) => (
                <option key={code} value={code} />
              ))}
            </datalist>
            <span className={styles.hint}>{t('settings.workspace.reportingCurrencyHint')}</span>
          </label>
        </div>
        <h3>{t('settings.workspace.rates')}</h3>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t('settings.workspace.rateCurrency')}</th>
              <th scope="col">{t('settings.workspace.rateDate')}</th>
              <th scope="col">{t('settings.workspace.rateValue', { currency: draft.reportingCurrency ?? '—' })}</th>
              <th scope="col">
                <span className="visually-hidden">{t('settings.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.rates.length === 0 && (
              <tr>
                <td colSpan={4} className={styles.muted}>
                  {t('settings.workspace.noRates')}
                </td>
              </tr>
            )}
            {draft.rates.map((rate, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their position is their identity
              <tr key={index}>
                <td>
                  <input
                    className={`${styles.input} ${styles.narrow}`}
                    aria-label={t('settings.workspace.rateCurrencyOf', { n: index + 1 })}
                    aria-invalid={Boolean(rateError(index, 'currency'))}
                    value={rate.currency}
                    maxLength={3}
                    onChange={(event) => setRate(index, { currency: event.target.value.toUpperCase() })}
                  />
                  <FieldMessage message={rateError(index, 'currency')} />
                </td>
                <td>
                  <input
                    type="date"
                    className={styles.input}
                    aria-label={t('settings.workspace.rateDateOf', { n: index + 1 })}
                    aria-invalid={Boolean(rateError(index, 'date'))}
                    value={rate.date}
                    onChange={(event) => setRate(index, { date: event.target.value })}
                  />
                  <FieldMessage message={rateError(index, 'date')} />
                </td>
                <td>
                  <input
                    className={`${styles.input} ${styles.medium}`}
                    inputMode="decimal"
                    aria-label={t('settings.workspace.rateValueOf', { n: index + 1 })}
                    aria-invalid={Boolean(rateError(index, 'rate'))}
                    value={rate.rate}
                    onChange={(event) => setRate(index, { rate: event.target.value })}
                  />
                  <FieldMessage message={rateError(index, 'rate')} />
                </td>
                <td>
                  <button
                    type="button"
                    className={styles.link}
                    onClick={() => setDraft({ ...draft, rates: draft.rates.filter((_, i) => i !== index) })}
                  >
                    {t('settings.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          className={styles.link}
          onClick={() => setDraft({ ...draft, rates: [...draft.rates, { currency: '', date: '', rate: '' }] })}
        >
          {t('settings.workspace.addRate')}
        </button>
        <fieldset className={`${styles.checks} ${styles.spaced}`}>
          <legend>{t('settings.workspace.trackingMayUpdate')}</legend>
          {TRACKING_FIELDS.map((field) => (
            <label key={field}>
              <input
                type="checkbox"
                checked={draft.tracking.mayUpdate.includes(field)}
                onChange={(event) =>
                  setDraft({
                    ...draft,
                    tracking: {
                      mayUpdate: event.target.checked
                        ? [...draft.tracking.mayUpdate, field]
                        : draft.tracking.mayUpdate.filter((f) => f !== field),
                    },
                  })
                }
              />
              {t(`settings.workspace.fields.${field}`)}
            </label>
          ))}
        </fieldset>
        <p className={styles.hint}>{t('settings.workspace.trackingHint')}</p>
        <div className={styles.actions}>
          <button type="submit" className={styles.primary} disabled={save.isPending}>
            {t('settings.save')}
          </button>
          <Saved show={save.isSuccess} />
        </div>
        <SaveError error={save.error} />
      </form>
    </section>
  );
}

function ChurnSettings() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['settings', 'churn'],
    queryFn: async () => dataOf(await api.GET('/api/settings/churn')),
  });
  const [draft, setDraft] = useState<Churn | undefined>();
  useEffect(() => {
    if (settings.data && !draft) setDraft(settings.data);
  }, [settings.data, draft]);
  const save = useMutation({
    mutationFn: async (body: Churn) => dataOf(await api.PUT('/api/settings/churn', { body })),
    onSuccess: (stored) => queryClient.setQueryData(['settings', 'churn'], stored),
  });
  if (!draft) return <section className={`${styles.card} ${styles.skeleton}`} aria-busy="true" />;
  const eventName = draft.definition.startsWith('event:') ? draft.definition.slice('event:'.length) : undefined;
  const meaning = eventName === undefined ? draft.definition : 'event';
  return (
    <section className={styles.card} aria-labelledby="churn-title">
      <h2 id="churn-title">{t('settings.workspace.churnTitle')}</h2>
      <p className={styles.lead}>{t('settings.workspace.churnLead')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(draft);
        }}
      >
        <div className={styles.fields}>
          <label className={styles.field}>
            <span>{t('settings.workspace.horizonDays')}</span>
            <input
              type="number"
              min={7}
              max={730}
              className={`${styles.input} ${styles.narrow}`}
              value={draft.horizonDays}
              aria-invalid={Boolean(fieldIssue(save.error, 'horizonDays'))}
              onChange={(event) => setDraft({ ...draft, horizonDays: Number(event.target.value) })}
            />
          </label>
          <label className={styles.field}>
            <span>{t('settings.workspace.churnMeaning')}</span>
            <select
              value={meaning}
              onChange={(event) =>
                setDraft({
                  ...draft,
                  definition: event.target.value === 'event' ? 'event:' : event.target.value,
                })
              }
            >
              {[...CHURN_MEANINGS, 'event'].map((value) => (
                <option key={value} value={value}>
                  {t(`settings.workspace.meanings.${value}`)}
                </option>
              ))}
            </select>
          </label>
          {eventName !== undefined && (
            <label className={styles.field}>
              <span>{t('settings.workspace.churnEvent')}</span>
              <input
                className={`${styles.input} ${styles.medium}`}
                value={eventName}
                aria-invalid={Boolean(fieldIssue(save.error, 'definition'))}
                onChange={(event) => setDraft({ ...draft, definition: `event:${event.target.value}` })}
              />
            </label>
          )}
        </div>
        <p className={styles.hint}>{t('settings.workspace.churnHint')}</p>
        <div className={styles.actions}>
          <button type="submit" className={styles.primary} disabled={save.isPending}>
            {t('settings.save')}
          </button>
          <Saved show={save.isSuccess} />
        </div>
        <SaveError error={save.error} />
      </form>
    </section>
  );
}

function FieldMessage({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div className={styles.fieldError} role="alert">
      {message}
    </div>
  );
}
