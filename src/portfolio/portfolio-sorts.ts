import { fieldError } from '../server/http-error.js';

// Each sort of the portfolio as a key of portfolio_rows columns compared as a whole (a row comparison), so that a
// page after a cursor is an index range scan of the index migrations/0014 made for it. Every key ends with the
// account id (a total order) and maps missing values to the end in either direction: an account without health,
// risk or MRR comes last. Money is never compared across currencies: amounts in the reporting currency first,
// then each currency left unconverted (alphabetically), then accounts without a figure.

export const sortFields = ['name', 'health', 'risk', 'mrr', 'arr', 'mrrAtRisk', 'renewal', 'lastActive'] as const;
export type SortField = (typeof sortFields)[number];
export type PortfolioSort = SortField | `-${SortField}`;

export interface SortKey {
  /** SQL expressions over portfolio_rows, exactly as the indexes write them. */
  parts: { expression: string; type: 'real' | 'bigint' | 'smallint' | 'text' | 'date' | 'uuid' }[];
  /** The whole key ascending or descending. */
  direction: 'asc' | 'desc';
}

const id = { expression: 'account_id', type: 'uuid' } as const;

function moneyKey(group: string, amount: string, descending: boolean): SortKey {
  return {
    parts: [
      { expression: group, type: 'smallint' },
      { expression: 'money_currency', type: 'text' },
      { expression: `coalesce(${descending ? '-' : ''}${amount}, 0::bigint)`, type: 'bigint' },
      id,
    ],
    direction: 'asc',
  };
}

/** The key of a sort; numbers descending are negated so the key stays ascending and uses the same kind of index. */
export function sortKey(sort: PortfolioSort): SortKey {
  const descending = sort.startsWith('-');
  const field = (descending ? sort.slice(1) : sort) as SortField;
  const minus = descending ? '-' : '';
  switch (field) {
    case 'risk':
      return { parts: [{ expression: `coalesce(${minus}churn_risk, 2::real)`, type: 'real' }, id], direction: 'asc' };
    case 'health':
      return {
        parts: [{ expression: `coalesce(${minus}health_score, 1000::real)`, type: 'real' }, id],
        direction: 'asc',
      };
    case 'mrrAtRisk':
      return moneyKey('at_risk_group', 'mrr_at_risk_minor', descending);
    case 'mrr':
    case 'arr':
      // ARR is twelve times MRR: the same order.
      return moneyKey('mrr_group', 'mrr_minor', descending);
    case 'name':
      return { parts: [{ expression: 'name', type: 'text' }, id], direction: descending ? 'desc' : 'asc' };
    case 'renewal':
      return {
        parts: [
          { expression: `coalesce(renewal_date, '${descending ? '0001-01-01' : '9999-12-31'}'::date)`, type: 'date' },
          id,
        ],
        direction: descending ? 'desc' : 'asc',
      };
    case 'lastActive':
      return {
        parts: [
          {
            expression: `coalesce(last_active_day, '${descending ? '0001-01-01' : '9999-12-31'}'::date)`,
            type: 'date',
          },
          id,
        ],
        direction: descending ? 'desc' : 'asc',
      };
  }
}

// What each type's text looks like, so a cursor tampered with is a 400, not a failed cast in the database.
const VALUE: Record<SortKey['parts'][number]['type'], RegExp> = {
  real: /^-?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i,
  bigint: /^-?\d{1,19}$/,
  smallint: /^-?\d{1,5}$/,
  text: /^/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
};

/** The cursor after a row: the sort it was made for and the row's key values as PostgreSQL wrote them. */
export function encodeCursor(sort: PortfolioSort, values: readonly string[]): string {
  return Buffer.from(JSON.stringify([sort, ...values])).toString('base64url');
}

export function decodeCursor(cursor: string, sort: PortfolioSort): string[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (!Array.isArray(decoded) || !decoded.every((part) => typeof part === 'string')) {
    throw fieldError('query.cursor', 'is not a cursor this API returned');
  }
  const [madeFor, ...values] = decoded as string[];
  if (madeFor !== sort) {
    throw fieldError('query.cursor', `was made for sort=${madeFor}, not sort=${sort}`);
  }
  const { parts } = sortKey(sort);
  if (values.length !== parts.length || !parts.every((part, i) => VALUE[part.type].test(values[i] as string))) {
    throw fieldError('query.cursor', 'is not a cursor this API returned');
  }
  return values;
}
