import { formatDay, formatDecimal, formatInteger, formatPercent } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';

/** The cards' numbers, through the shared Intl formats in the reader's language; "—" where a figure is unknown. */
export const formats = {
  percent: (value: number | null | undefined) =>
    value === null || value === undefined ? '—' : formatPercent(value, currentLanguage()),
  decimal: (value: number | null | undefined, digits = 1) =>
    value === null || value === undefined ? '—' : formatDecimal(value, currentLanguage(), digits),
  integer: (value: number) => formatInteger(value, currentLanguage()),
  day: (value: string | undefined) => (value ? formatDay(value, currentLanguage()) : '—'),
};
