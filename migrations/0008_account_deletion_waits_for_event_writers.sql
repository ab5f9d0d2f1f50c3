-- An account's events go with it (delete_account_events, migrations/0006), but only those committed when its
-- trigger runs: a transaction storing events that had looked the account up before the deletion and committed
-- after it left its events behind, attached to an account that no longer exists. Writers of events now hold this
-- advisory lock, shared, from before they look their accounts up until they commit (LOCK_ACCOUNTS_FOR_EVENTS in
-- src/ingest/record-events.ts). Deleting accounts takes it exclusively before any row is deleted (a statement
-- trigger, so that the deletion holds no account's row while it waits): it waits for the writers in flight and then
-- deletes their events with the account's; writers that come after it no longer find the account, and keep their
-- events as unattached, as for any unknown account. The rollup flush's lock is another one, taken after this.
create function lock_accounts_for_delete() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(727274003);
  return null;
end;
$$;

create trigger accounts_delete_waits_for_event_writers before delete on accounts
  for each statement execute function lock_accounts_for_delete();
