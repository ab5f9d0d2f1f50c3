import { type DragEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiRequestError } from '../api/api-client';
import { formatAgo, formatInteger, formatMoment } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import { useImports, useUpload } from './import-data';
import { importErrorText } from './import-errors';
import { Alert, formatSize, ImportLayout } from './import-layout';
import styles from './import-page.module.css';
import { isKind, KINDS, type Kind } from './import-search';
import type { ImportList } from './import-types';

/** Step 1: the file (chosen or dropped) and what it holds; below, the recent imports. */
export function ChooseFileStep() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind: Kind | '' = kindParam === null ? 'accounts' : isKind(kindParam) ? kindParam : '';
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const imports = useImports();
  const upload = useUpload();
  const limitMb = imports.data?.limitMb;
  const forbidden = imports.error instanceof ApiRequestError && imports.error.status === 403;

  const choose = (chosen: File | undefined) => {
    setFile(chosen ?? null);
    setProblem(undefined);
    upload.reset();
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setProblem(t('import.choose.noFile'));
    if (file.size === 0) return setProblem(t('import.errors.empty_file'));
    if (limitMb !== undefined && file.size > limitMb * 1024 * 1024) {
      return setProblem(t('import.errors.too_large', { limit: limitMb }));
    }
    if (!kind) return;
    upload.mutate(file, {
      onSuccess: (answer) => navigate(`/import/${answer.id}/map?kind=${kind}`),
    });
  };
  const locale = currentLanguage();

  return (
    <ImportLayout step="choose">
      <h2 className={styles.stepTitle}>{t('import.choose.heading')}</h2>
      {forbidden ? (
        <Alert>{t('import.errors.forbidden')}</Alert>
      ) : (
        <form className={styles.chooseForm} onSubmit={submit} noValidate>
          {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer shortcut; the file field inside is the way for keyboards and screen readers */}
          <div
            className={`${styles.dropZone} ${dragging ? styles.dragging : ''}`}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            data-testid="drop-zone"
          >
            <span id="import-file-label" className={styles.label}>
              {t('import.choose.fileLabel')}
            </span>
            <div className={styles.fileRow}>
              {/* The browser's own button speaks the browser's language, not the page's: it is hidden, and a label
                  in the page's language opens it; the field itself still takes the focus and the keys. */}
              <input
                id="import-file"
                type="file"
                className={`visually-hidden ${styles.fileInput}`}
                accept=".csv,.tsv,.jsonl,.ndjson,.gz,text/csv,application/x-ndjson,application/gzip"
                aria-labelledby="import-file-label"
                aria-describedby="import-file-hint"
                onChange={(event) => choose(event.target.files?.[0])}
              />
              <label htmlFor="import-file" className={styles.secondary}>
                {t('import.choose.browse')}
              </label>
              <span className={styles.chosen} aria-live="polite">
                {file
                  ? t('import.choose.chosen', { name: file.name, size: formatSize(file.size, locale) })
                  : t('import.choose.noFileChosen')}
              </span>
            </div>
            <p className={styles.dropText} aria-hidden="true">
              {t('import.choose.drop')}
            </p>
            <p id="import-file-hint" className={styles.hint}>
              {t('import.choose.fileHint', { limit: limitMb ?? '…' })}
            </p>
          </div>
          <div className={styles.kindBox}>
            <label className={styles.field}>
              <span className={styles.label}>{t('import.choose.kindLabel')}</span>
              <select
                value={kind}
                aria-describedby="import-kind-hint"
                onChange={(event) => setParams({ kind: event.target.value }, { replace: true })}
              >
                {!kind && <option value="">—</option>}
                {KINDS.map((name) => (
                  <option key={name} value={name}>
                    {t(`import.kinds.${name}`)}
                  </option>
                ))}
              </select>
            </label>
            <p id="import-kind-hint" className={styles.hint}>
              {kind ? t(`import.kindHints.${kind}`) : ''}
            </p>
            {!kind && (
              <Alert>
                {t('import.errors.unknownKind', {
                  kind: kindParam,
                  kinds: KINDS.map((name) => t(`import.kinds.${name}`)).join(', '),
                })}
              </Alert>
            )}
            {problem && <Alert>{problem}</Alert>}
            {upload.error && <Alert>{importErrorText(upload.error, t, limitMb)}</Alert>}
            <button type="submit" className={styles.primary} disabled={upload.isPending || !kind}>
              {upload.isPending ? t('import.choose.uploading') : t('import.choose.upload')}
            </button>
          </div>
        </form>
      )}
      {!forbidden && <RecentImports list={imports.data} loading={imports.isPending} locale={locale} />}
    </ImportLayout>
  );
}

function RecentImports({ list, loading, locale }: { list?: ImportList; loading: boolean; locale: string }) {
  const { t } = useTranslation();
  return (
    <section className={styles.recent} aria-labelledby="recent-imports">
      <h2 id="recent-imports" className={styles.stepTitle}>
        {t('import.recent.title')}
      </h2>
      {loading ? (
        <div className={styles.skeleton} />
      ) : !list || list.data.length === 0 ? (
        <p className={styles.hint}>{t('import.recent.empty')}</p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t('import.recent.file')}</th>
                <th scope="col">{t('import.recent.kind')}</th>
                <th scope="col">{t('import.recent.status')}</th>
                <th scope="col" className={styles.number}>
                  {t('import.recent.loaded')}
                </th>
                <th scope="col" className={styles.number}>
                  {t('import.recent.rejected')}
                </th>
                <th scope="col">{t('import.recent.when')}</th>
                <th scope="col">{t('import.recent.by')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((record) => (
                <tr key={record.id}>
                  <td>
                    <Link
                      to={
                        record.status === 'uploaded'
                          ? `/import/${record.id}/map?kind=${record.kind ?? 'accounts'}`
                          : `/import/${record.id}`
                      }
                    >
                      {record.fileName}
                    </Link>
                  </td>
                  <td>{record.kind && isKind(record.kind) ? t(`import.kinds.${record.kind}`) : '—'}</td>
                  <td>
                    <span className={`${styles.badge} ${styles[record.status]}`}>
                      {t(`import.recent.statuses.${record.status}`)}
                    </span>
                  </td>
                  <td className={styles.number}>
                    {record.status === 'done' ? formatInteger(record.rowsLoaded, locale) : '—'}
                  </td>
                  <td className={styles.number}>
                    {record.status === 'done' || record.status === 'failed'
                      ? formatInteger(record.rowsRejected, locale)
                      : '—'}
                  </td>
                  <td title={formatMoment(record.createdAt, locale)}>{formatAgo(record.createdAt, locale)}</td>
                  <td className={styles.muted}>{record.createdBy.replace(/^(user|key):[^ ]+ \((.*)\)$/, '$2')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
