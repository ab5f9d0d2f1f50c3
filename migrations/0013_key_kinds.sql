-- Two kinds of ingest key. A browser key sits in the product's pages, where every visitor can read it: it records
-- usage and links users to accounts, but changes no stored field of an account or contact. A server key (the
-- default, kept secret) may also update fields and traits through identify/group, each change audited.
alter table api_keys add column browser boolean not null default false;
alter table api_keys add constraint api_keys_browser_is_ingest check (not browser or scope = 'ingest');

-- When a key was first and last used (last_used_at is refreshed at most about once a minute per key), so an admin
-- can tell a live key from a forgotten one before revoking it.
alter table api_keys add column first_used_at timestamptz;
alter table api_keys add column last_used_at timestamptz;
