-- The program statistics' counters (issue 18), kept per company and Japan day next to the funnel's (V18) and in the
-- same transaction as what they count (FunnelCountRepository): blocked = detections of category BLOCKED (the
-- company's own device stopped it), malware = detections of category MALWARE_DOWNLOAD, RANSOMWARE or C2,
-- alerts_human = alerts whose category is not BLOCKED (a person had to look), on the day of the alert's first event.
-- The definitions are report.ReportFigures'. The statistics read these rows, never the detections and alerts.
alter table tenant_day_count add column blocked bigint not null default 0;
alter table tenant_day_count add column malware bigint not null default 0;
alter table tenant_day_count add column alerts_human bigint not null default 0;

-- Backfill from the rows kept so far (what retention already deleted stays uncounted, as for V18). The Japan day
-- is computed from the epoch (+9 h), as V18 does, so that H2 and PostgreSQL agree. Summed into a work table first:
-- one pass over the rows, then one keyed update per counter row.
create table tenant_day_count_v32 (
    jst_day      date    not null,
    tenant_id    uuid    not null,
    blocked      bigint  not null,
    malware      bigint  not null,
    alerts_human bigint  not null,
    primary key (jst_day, tenant_id)
);
insert into tenant_day_count_v32 (jst_day, tenant_id, blocked, malware, alerts_human)
select date '1970-01-01' + cast(floor((extract(epoch from at) + 32400) / 86400) as integer), tenant_id,
       sum(blocked), sum(malware), sum(alerts_human)
  from (select at, tenant_id,
               case when category = 'BLOCKED' then 1 else 0 end as blocked,
               case when category in ('MALWARE_DOWNLOAD', 'RANSOMWARE', 'C2') then 1 else 0 end as malware,
               0 as alerts_human
          from detection
        union all
        select first_seen, tenant_id, 0, 0, case when category = 'BLOCKED' then 0 else 1 end from alert) counted
 group by date '1970-01-01' + cast(floor((extract(epoch from at) + 32400) / 86400) as integer), tenant_id;

-- V18 made a row for every day that had a detection or an alert; a day it did not know (none expected) gets one.
insert into tenant_day_count (jst_day, tenant_id)
select n.jst_day, n.tenant_id from tenant_day_count_v32 n
 where not exists (select 1 from tenant_day_count c where c.jst_day = n.jst_day and c.tenant_id = n.tenant_id);

update tenant_day_count
   set blocked = (select n.blocked from tenant_day_count_v32 n
                   where n.jst_day = tenant_day_count.jst_day and n.tenant_id = tenant_day_count.tenant_id),
       malware = (select n.malware from tenant_day_count_v32 n
                   where n.jst_day = tenant_day_count.jst_day and n.tenant_id = tenant_day_count.tenant_id),
       alerts_human = (select n.alerts_human from tenant_day_count_v32 n
                        where n.jst_day = tenant_day_count.jst_day and n.tenant_id = tenant_day_count.tenant_id)
 where exists (select 1 from tenant_day_count_v32 n
                where n.jst_day = tenant_day_count.jst_day and n.tenant_id = tenant_day_count.tenant_id);

drop table tenant_day_count_v32;

-- The same counters per company and Japan month (jst_month = the month's first day), written with the daily ones in
-- the same transaction: the program statistics of a year of 1,000 companies read 12,000 of these rows instead of
-- summing 365,000 daily ones (2.3 s on H2 in ./sukedachi bench reports); a period's partial first and last months
-- are summed from the days.
create table tenant_month_count (
    jst_month    date    not null,
    tenant_id    uuid    not null,
    events       bigint  not null default 0,
    detections   bigint  not null default 0,
    alerts       bigint  not null default 0,
    incidents    bigint  not null default 0,
    blocked      bigint  not null default 0,
    malware      bigint  not null default 0,
    alerts_human bigint  not null default 0,
    primary key (jst_month, tenant_id)
);
insert into tenant_month_count (jst_month, tenant_id, events, detections, alerts, incidents, blocked, malware,
                                alerts_human)
select cast(date_trunc('month', jst_day) as date), tenant_id, sum(events), sum(detections), sum(alerts),
       sum(incidents), sum(blocked), sum(malware), sum(alerts_human)
  from tenant_day_count
 group by cast(date_trunc('month', jst_day) as date), tenant_id;
