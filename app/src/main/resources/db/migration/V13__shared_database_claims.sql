-- Two instances on one database (issue 12, item 4).
-- A notification is claimed by one atomic update (claimed_by, claimed_at) before it is sent, so two instances never
-- both send it. A claim older than sukedachi.notify.claim-timeout-ms (its sender died mid-send) is taken again.
alter table notification add column claimed_by varchar(64);
alter table notification add column claimed_at timestamp with time zone;

-- Scheduled jobs with visible effects that must run on one instance at a time (the silent-device watch): a run
-- holds its job's row locked (select … for update) until it commits, so a second instance waits and then sees
-- what the first did.
create table job_lock (
    name  varchar(64) primary key
);
insert into job_lock (name) values ('silent-device-watch');

-- Triage of one alert group (tenant, key) by one transaction at a time, whichever instance runs it: without it two
-- instances triaging the same group together each find no open alert and open one each (and notify twice).
-- One row per group ever triaged; the row is only locked, never changed.
create table alert_group_lock (
    tenant_id  uuid     not null,
    key_hash   char(64) not null,
    primary key (tenant_id, key_hash)
);
