-- Imports started from the web app: the uploaded file, then the load running in the server's process in the
-- background. Its progress and outcome live here, so a page reloaded (or another person) sees them, and a load the
-- server stopped in the middle of shows as failed rather than running for ever (updated_at is its heartbeat;
-- src/importers/import-jobs.ts). Loading is idempotent, so such an import is simply run again.
create table imports (
  id uuid primary key,
  file_name text not null,
  -- csv or jsonl, and whether it was gzip-compressed
  format text not null check (format in ('csv', 'jsonl')),
  gzip boolean not null default false,
  size_bytes bigint not null,
  -- the directory holding the upload and its rejects file, on the server that took the upload
  dir text not null,
  columns jsonb not null,
  kind text,
  -- field → column, as run, and how dates such as 01/02/2026 were read (ymd, dmy, mdy)
  mapping jsonb,
  date_order text,
  status text not null default 'uploaded' check (status in ('uploaded', 'running', 'done', 'failed')),
  rows_read bigint not null default 0,
  -- rows of chunks that have committed, loaded or rejected: what a running import has finished with
  rows_committed bigint not null default 0,
  rows_inserted bigint not null default 0,
  rows_updated bigint not null default 0,
  rows_unchanged bigint not null default 0,
  rows_rejected bigint not null default 0,
  bytes_read bigint not null default 0,
  error text,
  created_by text not null,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null default now()
);
create index imports_created_at_idx on imports (created_at desc);
