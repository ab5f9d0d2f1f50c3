import type { paths } from '../api/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The import API's answers, as the server's OpenAPI document describes them. */
export type ImportList = Json<paths['/api/imports']['get']['responses'][200]>;
export type ImportRecord = Json<paths['/api/imports/{id}']['get']['responses'][200]>;
export type UploadAnswer = Json<paths['/api/imports']['post']['responses'][201]>;
export type ImportPreview = Json<paths['/api/imports/{id}/preview']['post']['responses'][200]>;
