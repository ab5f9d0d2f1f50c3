import type { paths } from '../api/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The portfolio API's answers, as the server's OpenAPI document describes them. */
export type PortfolioPage = Json<paths['/api/portfolio']['get']['responses'][200]>;
export type PortfolioRow = PortfolioPage['data'][number];
export type PortfolioSummary = Json<paths['/api/portfolio/summary']['get']['responses'][200]>;
