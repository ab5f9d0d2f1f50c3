-- Message ids derived for imported rows put the event's UTC day first: imp_<YYYYMMDD>_<128 bits of the content's
-- SHA-256>_<n> (src/importers/prepare-event.ts, derivedMessageId), instead of imp_<the whole SHA-256>_<n>. Ids in a
-- file's day order then add to one end of the primary key's index, not at random all over it: about half the
-- index work of an import. The ids stored before are rewritten in the new form, so that importing an old file
-- again still finds its rows loaded.
update events
set message_id = 'imp_' || to_char(occurred_at at time zone 'UTC', 'YYYYMMDD') || '_' || substr(message_id, 5, 32)
  || substr(message_id, 69)
where message_id ~ '^imp_[0-9a-f]{64}_[0-9]+$';

update unattached_events
set message_id = 'imp_' || to_char(occurred_at at time zone 'UTC', 'YYYYMMDD') || '_' || substr(message_id, 5, 32)
  || substr(message_id, 69)
where message_id ~ '^imp_[0-9a-f]{64}_[0-9]+$';
