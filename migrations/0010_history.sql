-- History that past days can read.
--
-- 1. An account exists from its earliest evidence: first_seen_at moves back to the earliest of what was given, its
--    subscriptions' starts, its first note, survey answer, ticket and active day, whenever any of them arrives (API,
--    importer, tracking API, demo). Statement-level triggers with transition tables: one set-based update per
--    statement, however many rows an import brings.
-- 2. Contacts' role and active flag, and the account's own fields and traits, are kept with the time each change
--    happened (contact_states, account_states), so a past day reads them as they were then. The time is now(),
--    unless the writer states when the change happened: `select set_config('pacer.effective_at', '<timestamptz>',
--    true)` in its transaction (the demo world writes its simulated past this way).

create function pacer_effective_at() returns timestamptz language sql stable as $$
  select coalesce(nullif(current_setting('pacer.effective_at', true), '')::timestamptz, now())
$$;

-- Moves each given account's first_seen_at back to the given time when that is earlier. Rows are locked in id order,
-- so that import chunks side by side meet shared accounts in one order instead of deadlocking.
create function move_first_seen_back(account_ids uuid[], earliest timestamptz[]) returns void language sql as $$
  with given as (select * from unnest(account_ids, earliest) as g(id, at)),
  locked as (
    select a.id from accounts a join given g on g.id = a.id where a.first_seen_at > g.at order by a.id
    for no key update of a
  )
  update accounts a set first_seen_at = g.at from given g
  where a.id = g.id and a.id in (select id from locked) and a.first_seen_at > g.at
$$;

-- The usage trigger below updates accounts while the rollup flush's lock is held; deleting an account took that lock
-- only after its row was locked (delete_account_events, a row trigger), so the two could wait for each other.
-- Deletion now takes the flush's lock with the event writers' one, before any row (migrations/0008's order: that
-- one first).
create or replace function lock_accounts_for_delete() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(727274003);
  perform pg_advisory_xact_lock(727274002);
  return null;
end;
$$;

-- Dates are UTC days: a subscription that starts on 2021-03-01 makes the account known from 2021-03-01T00:00Z.
create function first_seen_from_evidence() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'subscriptions' then
    perform move_first_seen_back(array_agg(account_id), array_agg(at)) from (
      select account_id, min(start_date)::timestamp at time zone 'UTC' as at from evidence group by account_id) e;
  elsif tg_table_name = 'notes' then
    perform move_first_seen_back(array_agg(account_id), array_agg(at)) from (
      select account_id, min(occurred_at) as at from evidence group by account_id) e;
  elsif tg_table_name = 'survey_responses' then
    perform move_first_seen_back(array_agg(account_id), array_agg(at)) from (
      select account_id, min(answered_at) as at from evidence group by account_id) e;
  elsif tg_table_name = 'tickets' then
    perform move_first_seen_back(array_agg(account_id), array_agg(at)) from (
      select account_id, min(opened_at) as at from evidence group by account_id) e;
  elsif tg_table_name = 'usage_daily' then
    -- Every event reaches the accounts' rollup (tracking API, importer, demo, late events attached), and a key that
    -- exists already was first-seen evidence when it was inserted: new keys are enough.
    perform move_first_seen_back(array_agg(account_id), array_agg(at)) from (
      select account_id, min(day)::timestamp at time zone 'UTC' as at from evidence group by account_id) e;
  end if;
  return null;
end;
$$;

create trigger subscriptions_first_seen_insert after insert on subscriptions
  referencing new table as evidence for each statement execute function first_seen_from_evidence();
create trigger subscriptions_first_seen_update after update on subscriptions
  referencing new table as evidence for each statement execute function first_seen_from_evidence();
create trigger notes_first_seen_insert after insert on notes
  referencing new table as evidence for each statement execute function first_seen_from_evidence();
create trigger notes_first_seen_update after update on notes
  referencing new table as evidence for each statement execute function first_seen_from_evidence();
create trigger survey_responses_first_seen_insert after insert on survey_responses
  referencing new table as evidence for each statement execute function first_seen_from_evidence();
create trigger survey_responses_first_seen_update after update on survey_responses
  referencing new table as evidence for each statement execute function first_seen_from_evidence();
create trigger tickets_first_seen_insert after insert on tickets
  referencing new table as evidence for each statement execute function first_seen_from_evidence();
create trigger tickets_first_seen_update after update on tickets
  referencing new table as evidence for each statement execute function first_seen_from_evidence();
create trigger usage_daily_first_seen_insert after insert on usage_daily
  referencing new table as evidence for each statement execute function first_seen_from_evidence();

-- What is already stored moves back too (nothing happens on an empty database).
update accounts a set first_seen_at = e.at
from (
  select account_id, min(at) as at from (
    select account_id, min(start_date)::timestamp at time zone 'UTC' as at from subscriptions group by account_id
    union all select account_id, min(occurred_at) from notes group by account_id
    union all select account_id, min(answered_at) from survey_responses group by account_id
    union all select account_id, min(opened_at) from tickets group by account_id
    union all select account_id, min(day)::timestamp at time zone 'UTC' from usage_daily group by account_id
  ) evidence group by account_id
) e
where a.id = e.account_id and a.first_seen_at > e.at;

-- Contacts' role and active flag from valid_from on, until the contact's next row. No foreign key (a lookup per row
-- of a million-contact import): a contact's rows go with it by the trigger below.
create table contact_states (
  account_id uuid not null,
  contact_id uuid not null,
  valid_from timestamptz not null,
  role text,
  active boolean not null,
  primary key (account_id, contact_id, valid_from)
);

create function record_contact_states() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into contact_states (account_id, contact_id, valid_from, role, active)
    select account_id, id, pacer_effective_at(), role, active from new_contacts
    on conflict (account_id, contact_id, valid_from) do update set role = excluded.role, active = excluded.active;
  elsif tg_op = 'UPDATE' then
    insert into contact_states (account_id, contact_id, valid_from, role, active)
    select n.account_id, n.id, pacer_effective_at(), n.role, n.active
    from new_contacts n join old_contacts o on o.account_id = n.account_id and o.id = n.id
    where n.role is distinct from o.role or n.active is distinct from o.active
    on conflict (account_id, contact_id, valid_from) do update set role = excluded.role, active = excluded.active;
  else
    delete from contact_states s using old_contacts o where s.account_id = o.account_id and s.contact_id = o.id;
  end if;
  return null;
end;
$$;

create trigger contacts_states_insert after insert on contacts
  referencing new table as new_contacts for each statement execute function record_contact_states();
create trigger contacts_states_update after update on contacts
  referencing old table as old_contacts new table as new_contacts for each statement
  execute function record_contact_states();
create trigger contacts_states_delete after delete on contacts
  referencing old table as old_contacts for each statement execute function record_contact_states();

-- The account's own fields and traits, whole, from valid_from on until its next row. Before its first row an account's
-- fields are unknown (missing), not as they are now.
create table account_states (
  account_id uuid not null,
  valid_from timestamptz not null,
  name text not null,
  domain text,
  industry text,
  employees integer,
  country text,
  plan text,
  lifecycle_stage text not null,
  owner_id uuid,
  coverage_tier text,
  parent_id uuid,
  traits jsonb not null,
  primary key (account_id, valid_from)
);

create function record_account_states() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into account_states (account_id, valid_from, name, domain, industry, employees, country, plan,
      lifecycle_stage, owner_id, coverage_tier, parent_id, traits)
    select id, pacer_effective_at(), name, domain, industry, employees, country, plan, lifecycle_stage, owner_id,
      coverage_tier, parent_id, traits
    from new_accounts
    on conflict (account_id, valid_from) do update set name = excluded.name, domain = excluded.domain,
      industry = excluded.industry, employees = excluded.employees, country = excluded.country, plan = excluded.plan,
      lifecycle_stage = excluded.lifecycle_stage, owner_id = excluded.owner_id, coverage_tier = excluded.coverage_tier,
      parent_id = excluded.parent_id, traits = excluded.traits;
  elsif tg_op = 'UPDATE' then
    -- Only rows whose kept fields changed: moving first_seen_at back or touching updated_at adds nothing.
    insert into account_states (account_id, valid_from, name, domain, industry, employees, country, plan,
      lifecycle_stage, owner_id, coverage_tier, parent_id, traits)
    select n.id, pacer_effective_at(), n.name, n.domain, n.industry, n.employees, n.country, n.plan,
      n.lifecycle_stage, n.owner_id, n.coverage_tier, n.parent_id, n.traits
    from new_accounts n join old_accounts o on o.id = n.id
    where (n.name, n.domain, n.industry, n.employees, n.country, n.plan, n.lifecycle_stage, n.owner_id,
        n.coverage_tier, n.parent_id, n.traits)
      is distinct from (o.name, o.domain, o.industry, o.employees, o.country, o.plan, o.lifecycle_stage, o.owner_id,
        o.coverage_tier, o.parent_id, o.traits)
    on conflict (account_id, valid_from) do update set name = excluded.name, domain = excluded.domain,
      industry = excluded.industry, employees = excluded.employees, country = excluded.country, plan = excluded.plan,
      lifecycle_stage = excluded.lifecycle_stage, owner_id = excluded.owner_id, coverage_tier = excluded.coverage_tier,
      parent_id = excluded.parent_id, traits = excluded.traits;
  else
    delete from account_states s using old_accounts o where s.account_id = o.id;
  end if;
  return null;
end;
$$;

create trigger accounts_states_insert after insert on accounts
  referencing new table as new_accounts for each statement execute function record_account_states();
create trigger accounts_states_update after update on accounts
  referencing old table as old_accounts new table as new_accounts for each statement
  execute function record_account_states();
create trigger accounts_states_delete after delete on accounts
  referencing old table as old_accounts for each statement execute function record_account_states();

-- What is stored already is known from when its row was made (its last change is unknown). A contact deactivated
-- after its creation was active until its last update.
insert into contact_states (account_id, contact_id, valid_from, role, active)
select account_id, id, created_at, role, active or updated_at > created_at from contacts;
insert into contact_states (account_id, contact_id, valid_from, role, active)
select account_id, id, updated_at, role, false from contacts where not active and updated_at > created_at;

insert into account_states (account_id, valid_from, name, domain, industry, employees, country, plan, lifecycle_stage,
  owner_id, coverage_tier, parent_id, traits)
select id, created_at, name, domain, industry, employees, country, plan, lifecycle_stage, owner_id, coverage_tier,
  parent_id, traits
from accounts;
