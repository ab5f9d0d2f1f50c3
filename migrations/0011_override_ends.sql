-- Removing a health override ends it from that moment on instead of deleting it: a replay of a day before the
-- removal still applies it, as it was applied then.
alter table health_overrides add column ended_at timestamptz;
alter table health_overrides add constraint health_overrides_end_after_start check (ended_at is null or ended_at >= created_at);

-- Ending an override changes the account's score from now on: rescore it, as creating one does.
create trigger overrides_mark_health_update after update on health_overrides
  referencing new table as changed_rows for each statement execute function mark_health_dirty();
