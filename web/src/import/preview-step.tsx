import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { currentLanguage } from '../i18n/i18n';
import { useImport, usePreview, useRun } from './import-data';
import { importErrorText } from './import-errors';
import { Alert, cellText, ImportLayout } from './import-layout';
import styles from './import-page.module.css';
import { isKind, KINDS, readImportSearch, writeImportSearch } from './import-search';
import type { ImportPreview } from './import-types';
import { translateReason } from './translate-reason';

/** Step 3: the first rows as they will be stored, and the rows that will be rejected with field and reason. */
export function PreviewStep() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const search = readImportSearch(params);
  const kind = isKind(search.kind) ? search.kind : undefined;
  const preview = usePreview(id, kind, search);
  const record = useImport(id);
  const run = useRun(id);
  const data = preview.data;
  const start = () => {
    if (!kind || !data) return;
    run.mutate(
      { kind, mapping: data.mapping, dateOrder: search.dateOrder },
      { onSuccess: () => navigate(`/import/${id}`) },
    );
  };

  return (
    <ImportLayout step="preview" id={id}>
      <h2 className={styles.stepTitle}>{t('import.preview.heading')}</h2>
      {!kind ? (
        <Alert>
          {t('import.errors.unknownKind', {
            kind: search.kind,
            kinds: KINDS.map((name) => t(`import.kinds.${name}`)).join(', '),
          })}
        </Alert>
      ) : preview.error && !data ? (
        <Alert>{importErrorText(preview.error, t)}</Alert>
      ) : !data ? (
        <div className={styles.skeleton} />
      ) : (
        <>
          <p className={styles.intro}>{t('import.preview.intro', { count: data.rows.length + data.rejects.length })}</p>
          <h3 className={styles.subTitle}>{t('import.preview.rows')}</h3>
          <PreviewRows data={data} />
          <h3 className={styles.subTitle}>{t('import.preview.rejects', { count: data.rejects.length })}</h3>
          <PreviewRejects data={data} />
          {data.missing.length > 0 && (
            <Alert tone="warning">
              {t('import.preview.missing', {
                fields: data.missing.map((field) => t(`import.fields.${field}`)).join(', '),
              })}
            </Alert>
          )}
          {run.error && <Alert>{importErrorText(run.error, t)}</Alert>}
          <div className={styles.actions}>
            <Link className={styles.secondary} to={`/import/${id}/map?${writeImportSearch(search)}`}>
              {t('import.preview.back')}
            </Link>
            <button
              type="button"
              className={styles.primary}
              onClick={start}
              disabled={run.isPending || data.missing.length > 0 || record.data?.status === 'running'}
            >
              {run.isPending
                ? t('import.preview.starting')
                : t('import.preview.run', { kind: t(`import.kinds.${kind}`) })}
            </button>
          </div>
        </>
      )}
    </ImportLayout>
  );
}

/** The fields the mapping fills, in the kind's order, then the traits or properties the other columns make. */
function shownFields(data: ImportPreview): string[] {
  const filled = new Set(data.rows.flatMap((row) => Object.keys(row.values)));
  return data.fields.map((field) => field.name).filter((name) => filled.has(name));
}

function PreviewRows({ data }: { data: ImportPreview }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const types = new Map(data.fields.map((field) => [field.name, field.type]));
  if (data.rows.length === 0) return <p className={styles.hint}>{t('import.preview.noRows')}</p>;
  const fields = shownFields(data);
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col" className={styles.number}>
              {t('import.preview.line')}
            </th>
            {fields.map((field) => (
              <th key={field} scope="col">
                {t(`import.fields.${field}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.line}>
              <td className={styles.number}>{row.line}</td>
              {fields.map((field) => (
                <td key={field} className={styles.value}>
                  {cellText(row.values[field], types.get(field) ?? 'text', locale)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PreviewRejects({ data }: { data: ImportPreview }) {
  const { t } = useTranslation();
  if (data.rejects.length === 0) return <p className={styles.hint}>{t('import.preview.noRejects')}</p>;
  const label = (field: string) => (field === '(row)' ? '—' : t(`import.fields.${field}`, { defaultValue: field }));
  return (
    <div className={styles.tableWrap}>
      <table className={`${styles.table} ${styles.rejectTable}`}>
        <thead>
          <tr>
            <th scope="col" className={styles.number}>
              {t('import.preview.line')}
            </th>
            <th scope="col">{t('import.preview.field')}</th>
            <th scope="col">{t('import.preview.reason')}</th>
            <th scope="col">{t('import.preview.row')}</th>
          </tr>
        </thead>
        <tbody>
          {data.rejects.flatMap((reject) =>
            reject.issues.map((issue, index) => (
              <tr key={`${reject.line}-${issue.field}`}>
                <td className={styles.number}>{index === 0 ? reject.line : ''}</td>
                <td>{label(issue.field)}</td>
                <td className={styles.reason}>{translateReason(issue.message, t)}</td>
                <td>{index === 0 ? <code className={styles.raw}>{reject.raw}</code> : null}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
