-- Silent-device watch: how often a device is expected to send at least something. A device that sends
-- nothing for longer raises a `watch` / `silent-device` alert (the watch is blind), closed again when data flows.
alter table device add column expected_interval_minutes integer not null default 60;
