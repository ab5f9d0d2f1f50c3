import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useImport, usePreview } from './import-data';
import { importErrorText } from './import-errors';
import { Alert, ImportLayout } from './import-layout';
import styles from './import-page.module.css';
import { DATE_ORDERS, type ImportSearch, isKind, KINDS, readImportSearch, writeImportSearch } from './import-search';
import type { ImportPreview } from './import-types';

/** Columns each field fills, as column → field. */
function fieldsByColumn(mapping: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(mapping).map(([field, column]) => [column, field]));
}

/** The mapping after the column is given this field ('' for none): a field takes one column, a column one field. */
export function remap(mapping: Record<string, string>, column: string, field: string): Record<string, string> {
  const next = Object.fromEntries(
    Object.entries(mapping).filter(([name, source]) => source !== column && name !== field),
  );
  if (field) next[field] = column;
  return next;
}

/** Step 2: each column of the file with the Pacer field it fills, suggestions filled in and marked. */
export function MapColumnsStep() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const search = readImportSearch(params);
  const kind = isKind(search.kind) ? search.kind : undefined;
  const preview = usePreview(id, kind, search);
  const record = useImport(id);
  const update = (change: Partial<ImportSearch>) =>
    setParams(writeImportSearch({ ...search, ...change }), { replace: true });
  const data = preview.data;

  return (
    <ImportLayout step="map" id={id}>
      <h2 className={styles.stepTitle}>{t('import.map.heading')}</h2>
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
        <>
          <p className={styles.hint}>{t('import.map.loading')}</p>
          <div className={styles.skeleton} />
        </>
      ) : (
        <>
          <p className={styles.intro}>
            {t('import.map.intro', { file: record.data?.fileName ?? '', kind: t(`import.kinds.${kind}`) })}
          </p>
          {preview.error && <Alert>{importErrorText(preview.error, t)}</Alert>}
          <MappingTable data={data} onChange={(mapping) => update({ mapping })} />
          <div className={styles.options}>
            <label className={styles.inline}>
              <span>{t('import.map.dateOrder')}</span>
              <select
                value={search.dateOrder}
                onChange={(event) => update({ dateOrder: event.target.value as ImportSearch['dateOrder'] })}
              >
                {DATE_ORDERS.map((order) => (
                  <option key={order} value={order}>
                    {t(`import.map.dateOrders.${order}`)}
                  </option>
                ))}
              </select>
            </label>
            {search.mapping && (
              <button type="button" className={styles.secondary} onClick={() => update({ mapping: undefined })}>
                {t('import.map.useSuggestions')}
              </button>
            )}
          </div>
          {data.missing.length > 0 && (
            <Alert tone="warning">
              {t('import.map.missing', {
                kind: t(`import.kinds.${kind}`),
                fields: data.missing.map((field) => t(`import.fields.${field}`)).join(', '),
              })}
            </Alert>
          )}
          <div className={styles.actions}>
            <Link className={styles.secondary} to={`/import?kind=${kind}`}>
              {t('import.map.back')}
            </Link>
            <Link
              className={styles.primary}
              to={`/import/${id}/preview?${writeImportSearch({ ...search, mapping: data.mapping })}`}
            >
              {t('import.map.next')}
            </Link>
          </div>
        </>
      )}
    </ImportLayout>
  );
}

function MappingTable({ data, onChange }: { data: ImportPreview; onChange(mapping: Record<string, string>): void }) {
  const { t } = useTranslation();
  const byColumn = fieldsByColumn(data.mapping);
  const suggestedByColumn = fieldsByColumn(data.suggested);
  const unmapped =
    data.extraInto === 'traits'
      ? t('import.map.intoTraits')
      : data.extraInto === 'properties'
        ? t('import.map.intoProperties')
        : t('import.map.notImported');
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">{t('import.map.column')}</th>
            <th scope="col">{t('import.map.example')}</th>
            <th scope="col">{t('import.map.field')}</th>
          </tr>
        </thead>
        <tbody>
          {data.columns.map((column, index) => {
            const field = byColumn.get(column) ?? '';
            const suggested = field !== '' && suggestedByColumn.get(column) === field;
            return (
              <tr key={column}>
                <th scope="row" className={styles.columnName}>
                  {column}
                </th>
                <td className={styles.examples}>
                  {data.sample
                    .map((row) => row[index])
                    .filter((value) => value !== null && value !== '')
                    .slice(0, 3)
                    .join(' · ') || '—'}
                </td>
                <td>
                  <div className={styles.fieldCell}>
                    <select
                      aria-label={t('import.map.fieldFor', { column })}
                      value={field}
                      onChange={(event) => onChange(remap(data.mapping, column, event.target.value))}
                    >
                      <option value="">{unmapped}</option>
                      {data.fields
                        .filter((option) => option.name !== data.extraInto)
                        .map((option) => (
                          <option key={option.name} value={option.name}>
                            {t(`import.fields.${option.name}`)} ({option.name})
                            {option.required ? ` · ${t('import.map.required')}` : ''}
                          </option>
                        ))}
                    </select>
                    {suggested && (
                      <span className={`${styles.badge} ${styles.suggested}`}>{t('import.map.suggested')}</span>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
