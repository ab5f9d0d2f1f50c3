-- Message ids derived for imported rows put the event's account key (its groupId, else its userId) after the day:
-- imp_<YYYYMMDD>_<first 32 bits of the key's MD5><first 96 bits of the content's SHA-256>_<n> (src/importers/
-- prepare-event.ts, derivedMessageId), instead of imp_<YYYYMMDD>_<first 128 bits of the SHA-256>_<n>. An import
-- chunk written in id order then writes each account's events together, and the per-account index of events takes
-- them at one place after the other. The ids stored before are rewritten in the new form, so that importing an old
-- file again still finds its rows loaded. The key is what the import hashed: events and unattached_events keep the
-- groupId as account_external_id, and a row without one was keyed by its user.
update events
set message_id = 'imp_' || substr(message_id, 5, 9) || left(md5(coalesce(account_external_id, user_id, '')), 8)
  || substr(message_id, 14, 24) || substr(message_id, 46)
where message_id ~ '^imp_[0-9]{8}_[0-9a-f]{32}_[0-9]+$';

update unattached_events
set message_id = 'imp_' || substr(message_id, 5, 9) || left(md5(coalesce(account_external_id, user_id, '')), 8)
  || substr(message_id, 14, 24) || substr(message_id, 46)
where message_id ~ '^imp_[0-9]{8}_[0-9a-f]{32}_[0-9]+$';
