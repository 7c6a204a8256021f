-- The analyst queue across all tenants sorts open alerts by last seen: without these it scans the table.
create index alert_last_seen_ix on alert (last_seen);
create index alert_status_last_seen_ix on alert (status, last_seen);
