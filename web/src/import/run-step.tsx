import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatInteger, formatPercent } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import { useImport, useRun } from './import-data';
import { importErrorText } from './import-errors';
import { Alert, ImportLayout } from './import-layout';
import styles from './import-page.module.css';
import { isKind } from './import-search';
import type { ImportRecord } from './import-types';

// The server's words for an import its server stopped (importers/import-jobs.ts STOPPED_MESSAGE).
const STOPPED = /^stopped: the server stopped/;

/** Step 4: the load's progress while it runs (polled), then its summary and the rejected rows to download. */
export function RunStep() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const record = useImport(id);
  const again = useRun(id);
  const data = record.data;
  const locale = currentLanguage();

  return (
    <ImportLayout step="run" id={id}>
      {record.error ? (
        <Alert>{importErrorText(record.error, t)}</Alert>
      ) : !data ? (
        <div className={styles.skeleton} />
      ) : data.status === 'uploaded' ? (
        <>
          <p className={styles.intro}>{t('import.run.notRun')}</p>
          <Link className={styles.primary} to={`/import/${id}/map?kind=${data.kind ?? 'accounts'}`}>
            {t('import.run.toMapping')}
          </Link>
        </>
      ) : (
        <>
          <h2 className={styles.stepTitle}>
            {t(
              data.status === 'running'
                ? 'import.run.heading'
                : data.status === 'done'
                  ? 'import.run.headingDone'
                  : 'import.run.headingFailed',
              { file: data.fileName },
            )}
          </h2>
          <Progress record={data} locale={locale} />
          <Counts record={data} locale={locale} />
          {data.status === 'failed' && (
            <Alert>
              {data.error && STOPPED.test(data.error)
                ? t('import.run.stopped')
                : t('import.run.failedReason', { reason: data.error ?? '' })}
            </Alert>
          )}
          {data.status !== 'running' && data.rowsRejected > 0 && (
            <div className={styles.download}>
              <a className={styles.primary} href={`/api/imports/${id}/rejects`} download>
                {t('import.run.download')}
              </a>
              <p className={styles.hint}>{t('import.run.rejectsHint')}</p>
            </div>
          )}
          {again.error && <Alert>{importErrorText(again.error, t)}</Alert>}
          {data.status !== 'running' && (
            <div className={styles.actions}>
              <Link className={styles.secondary} to="/import">
                {t('import.run.another')}
              </Link>
              {data.kind && isKind(data.kind) && data.mapping && (
                <button
                  type="button"
                  className={styles.secondary}
                  disabled={again.isPending}
                  onClick={() =>
                    data.kind && isKind(data.kind) && data.mapping
                      ? again.mutate({ kind: data.kind, mapping: data.mapping, dateOrder: data.dateOrder ?? undefined })
                      : undefined
                  }
                >
                  {t('import.run.again')}
                </button>
              )}
            </div>
          )}
        </>
      )}
    </ImportLayout>
  );
}

function Progress({ record, locale }: { record: ImportRecord; locale: string }) {
  const { t } = useTranslation();
  const share = record.status === 'running' ? Math.min(record.bytesRead / Math.max(record.sizeBytes, 1), 1) : 1;
  return (
    <div className={styles.progress}>
      <progress
        aria-label={t('import.run.progressLabel')}
        max={100}
        value={Math.round(share * 100)}
        className={styles.bar}
      />
      <span className={styles.muted}>{t('import.run.progressText', { percent: formatPercent(share, locale) })}</span>
    </div>
  );
}

function Counts({ record, locale }: { record: ImportRecord; locale: string }) {
  const { t } = useTranslation();
  const n = (value: number) => formatInteger(value, locale);
  const done = record.status === 'done';
  return (
    <dl className={styles.counts} aria-live="polite">
      <div>
        <dt>{t('import.run.rowsRead')}</dt>
        <dd>{n(record.rowsRead)}</dd>
      </div>
      {done ? (
        <div>
          <dt>{t('import.run.rowsLoaded')}</dt>
          <dd>
            {n(record.rowsLoaded)}
            <span className={styles.breakdown}>
              {t('import.run.inserted')} {n(record.rowsInserted)} · {t('import.run.updated')} {n(record.rowsUpdated)} ·{' '}
              {t('import.run.unchanged')} {n(record.rowsUnchanged)}
            </span>
          </dd>
        </div>
      ) : (
        <div>
          <dt>{t('import.run.committed')}</dt>
          <dd>{n(record.rowsCommitted)}</dd>
        </div>
      )}
      <div className={record.rowsRejected > 0 ? styles.rejected : undefined}>
        <dt>{t('import.run.rowsRejected')}</dt>
        <dd>{n(record.rowsRejected)}</dd>
      </div>
    </dl>
  );
}
