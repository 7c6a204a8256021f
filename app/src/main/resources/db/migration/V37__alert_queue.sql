-- The queue a person can empty (issue 19, item 3).
--
-- detectors / rule_ids: every detector and rule that contributed to an alert, comma-separated in the order they first
-- did (capped), since detections of the same thing from two sources (an IDS signature and intelligence on the same
-- flow) now merge into one alert. detector and rule_id stay the first detection's. Existing alerts had one of each.
-- Nullable: a row written by a tool that knows only detector and rule_id reads as having just those (AlertRepository).
alter table alert add column detectors varchar(400);
alter table alert add column rule_ids varchar(2400);
update alert set detectors = detector, rule_ids = rule_id;

-- needs_human: "needs a human" is defined in one place, Triage: every alert triage opens. From this version on,
-- what the customer's own device blocked and LOW noise from the Internet open no alert unless they escalate, so
-- every new alert needs a human. Alerts opened before it for blocked detections (category BLOCKED, one per signature
-- and day) were never counted as needing a human (V32: alerts_human = alerts whose category is not BLOCKED): they are
-- marked so here, which keeps tenant_day_count.alerts_human and tenant_month_count.alerts_human exactly equal to
-- count(alert where needs_human) per company and day without rewriting a single counter, and keeps every monthly
-- report already printed (V33) true. alerts stays the count of every alert ever opened.
alter table alert add column needs_human boolean not null default true;
update alert set needs_human = false where category = 'BLOCKED';

-- Those old blocked alerts that nobody has touched (still NEW) are closed as BENIGN: the blocks stay counted in the
-- detection log and the counters (blocked), and the queue keeps only what a person must look at. One acknowledged by
-- a person stays as it is: that person decides. The history says why, as for every other status change.
insert into alert_history (alert_id, at, actor_login, action, note, visible_to_company)
select id, current_timestamp, 'system', 'STATUS',
       'NEW → CLOSED (BENIGN): blocked by the company''s own device; counted as a statistic, not an alert', true
  from alert where needs_human = false and status = 'NEW';
update alert set status = 'CLOSED', resolution = 'BENIGN', updated_at = current_timestamp
 where needs_human = false and status = 'NEW';
