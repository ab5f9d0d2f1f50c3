import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../api/api-client';
import styles from './settings.module.css';

/** The message the API gave for one field (`rates.2.date`), if any. */
export function fieldIssue(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiRequestError)) return undefined;
  return error.body?.issues?.find((issue) => issue.field === field)?.message;
}

/** A change that failed: every field the server named, with its reason, or the message. */
export function SaveError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const issues = error instanceof ApiRequestError ? (error.body?.issues ?? []) : [];
  return (
    <div role="alert" className={styles.error}>
      {issues.length > 0 ? (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.field} ${issue.message}`}>
              <code>{issue.field}</code>: {issue.message}
            </li>
          ))}
        </ul>
      ) : (
        t('common.error', { message: error instanceof Error ? error.message : String(error) })
      )}
    </div>
  );
}

/** "Saved" for a moment after a change went through, announced to screen readers. */
export function Saved({ show }: { show: boolean }) {
  const { t } = useTranslation();
  return (
    <span role="status" className={styles.saved}>
      {show ? t('settings.saved') : ''}
    </span>
  );
}
