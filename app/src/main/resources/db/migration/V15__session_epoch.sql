-- Every login session remembers the user's session epoch at login; the security layer compares it on each
-- request. Disabling a user or changing their password raises it, which ends all their other sessions at once,
-- on every instance sharing this database.
alter table app_user add column session_epoch bigint not null default 0;
