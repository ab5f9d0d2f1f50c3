// The portfolio's state lives in the URL (?q=…&colour=red,yellow&owner=me&sort=-risk&hide=arr): every filter, sort
// and column choice can be bookmarked, shared and gone back to. Pure, checked by test/web-portfolio-search.test.ts.

export const COLOURS = ['red', 'yellow', 'green', 'none'] as const;
export type ColourFilter = (typeof COLOURS)[number];
export const STAGES = ['onboarding', 'adoption', 'renewal', 'expansion', 'advocacy', 'churned'] as const;
export const TIERS = ['high_touch', 'low_touch', 'tech_touch'] as const;
/** The sorts the portfolio API accepts (PORTFOLIO-CONTRACT.md). */
export const SORT_KEYS = ['name', 'health', 'risk', 'mrr', 'arr', 'mrrAtRisk', 'renewal', 'lastActive'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const COLUMNS = [
  'name',
  'health',
  'trend',
  'risk',
  'mrr',
  'arr',
  'mrrAtRisk',
  'renewal',
  'owner',
  'stage',
  'tier',
  'lastActive',
] as const;
export type Column = (typeof COLUMNS)[number];
/** The account's name always shows: a row without it means nothing. */
export const FIXED_COLUMNS: readonly Column[] = ['name'];
export const DEFAULT_HIDDEN: readonly Column[] = ['arr'];
export const DEFAULT_SORT = { key: 'mrrAtRisk', descending: true } as const;

export const STAGE_FILTERS = ['current', ...STAGES] as const;
export type StageFilter = (typeof STAGE_FILTERS)[number] | '';

export interface PortfolioSearch {
  search: string;
  colours: ColourFilter[];
  /** '' = everyone, 'me', 'none' or a team user's id. */
  owner: string;
  /** 'current' = every stage but churned (the default: a book of business is its current customers), '' = all. */
  stage: StageFilter;
  tier: (typeof TIERS)[number] | '';
  sort: { key: SortKey; descending: boolean };
  hidden: Column[];
}

const list = (value: string | null) => (value ?? '').split(',').filter(Boolean);
/** The value when it is one of the given values (a URL or a form may hold anything). */
export const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((candidate) => candidate === value);

/** What the URL's query says; anything unknown falls back to the default rather than failing the page. */
export function readPortfolioSearch(params: URLSearchParams): PortfolioSearch {
  const sortParam = params.get('sort') ?? '';
  const key = oneOf(SORT_KEYS, sortParam.replace(/^-/, ''));
  return {
    search: params.get('q') ?? '',
    colours: COLOURS.filter((colour) => list(params.get('colour')).includes(colour)),
    owner: params.get('owner') ?? '',
    stage: params.get('stage') === 'all' ? '' : (oneOf(STAGE_FILTERS, params.get('stage')) ?? 'current'),
    tier: oneOf(TIERS, params.get('tier')) ?? '',
    sort: key ? { key, descending: sortParam.startsWith('-') } : { ...DEFAULT_SORT },
    hidden: params.has('hide')
      ? COLUMNS.filter((column) => list(params.get('hide')).includes(column) && !FIXED_COLUMNS.includes(column))
      : [...DEFAULT_HIDDEN],
  };
}

/** The URL query for a state, defaults left out so that the plain page has a plain URL. */
export function writePortfolioSearch(state: PortfolioSearch): URLSearchParams {
  const params = new URLSearchParams();
  if (state.search) params.set('q', state.search);
  if (state.colours.length > 0) params.set('colour', state.colours.join(','));
  if (state.owner) params.set('owner', state.owner);
  if (state.stage !== 'current') params.set('stage', state.stage || 'all');
  if (state.tier) params.set('tier', state.tier);
  if (state.sort.key !== DEFAULT_SORT.key || state.sort.descending !== DEFAULT_SORT.descending) {
    params.set('sort', `${state.sort.descending ? '-' : ''}${state.sort.key}`);
  }
  const hidden = COLUMNS.filter((column) => state.hidden.includes(column));
  if (hidden.join(',') !== DEFAULT_HIDDEN.join(',')) params.set('hide', hidden.join(','));
  return params;
}

/** The filters as the portfolio API's query (summary and list alike). */
export function portfolioFilterQuery(state: PortfolioSearch): {
  search?: string;
  colour?: string;
  owner?: string;
  stage?: (typeof STAGE_FILTERS)[number];
  tier?: (typeof TIERS)[number];
} {
  return {
    ...(state.search.trim() ? { search: state.search.trim() } : {}),
    ...(state.colours.length > 0 ? { colour: state.colours.join(',') } : {}),
    ...(state.owner ? { owner: state.owner } : {}),
    ...(state.stage ? { stage: state.stage } : {}),
    ...(state.tier ? { tier: state.tier } : {}),
  };
}

export function sortParam(state: PortfolioSearch): SortKey | `-${SortKey}` {
  return state.sort.descending ? `-${state.sort.key}` : state.sort.key;
}

/** Clicking a column's header: the same column flips its direction; another starts descending (biggest first), but
 * the name starts A→Z. */
export function nextSort(current: PortfolioSearch['sort'], key: SortKey): PortfolioSearch['sort'] {
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: key !== 'name' };
}
