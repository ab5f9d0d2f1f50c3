import type { TFunction } from 'i18next';
import { ApiRequestError } from '../api/api-client';
import { translateReason } from './translate-reason';

const KNOWN = new Set([
  'too_large',
  'unsupported_media_type',
  'empty_file',
  'not_gzip',
  'upload_gone',
  'not_found',
  'forbidden',
  'running',
]);

/** An error of the import API in the reader's language: its code says which, the server's words fill the details. */
export function importErrorText(error: unknown, t: TFunction, limitMb?: number): string {
  if (!(error instanceof ApiRequestError) || !error.body) {
    return t('import.errors.generic', { detail: error instanceof Error ? error.message : String(error) });
  }
  const { error: code, message, issues } = error.body;
  if (code === 'too_large') {
    const limit = limitMb ?? Number(/over ([\d.]+) MB/.exec(message)?.[1] ?? Number.NaN);
    return t('import.errors.too_large', { limit });
  }
  if (KNOWN.has(code)) return t(`import.errors.${code}`);
  if (code === 'unreadable_file') return t('import.errors.unreadable_file', { detail: message });
  if (code === 'invalid_request') {
    const detail = issues.map((issue) => `${issue.field}: ${translateReason(issue.message, t)}`).join('; ');
    return t('import.errors.invalid_request', { detail: detail || message });
  }
  return t('import.errors.generic', { detail: message });
}
