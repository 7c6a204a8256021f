-- Campaigns (issue 19, detector "campaign"): the same key (an intel indicator, an attachment hash, a sender domain,
-- a mail subject, a Sigma rule with its parent/child processes) on detections of two or more companies within a
-- window is one campaign. Only detections carry keys (jp.sukedachi.detect.campaign.CampaignKeys), so these tables
-- grow with detections, not with events. Portable types only (H2 MODE=PostgreSQL, PostgreSQL).
-- No foreign key to alert: the retention sweep deletes old alerts; a link to a deleted alert shows as gone.

-- One row per key ever seen: locked (select ... for update) by the transaction that correlates it, so two
-- instances never open two campaigns for one key; campaign_id is the campaign the key belongs to now.
create table campaign_key (
    key_kind     varchar(20)  not null,
    key_value    varchar(300) not null,
    campaign_id  uuid,
    -- the threat type an intel detection of the key named (what a shared indicator is published with), if any
    threat_type  varchar(64),
    primary key (key_kind, key_value)
);

-- Where a key was seen: per key, company and entity (the local thing the alert is about), the alert its detection
-- went into and the first and last time (event time) it was seen there.
create table campaign_sighting (
    key_kind     varchar(20)  not null,
    key_value    varchar(300) not null,
    tenant_id    uuid         not null,
    entity       varchar(300) not null,
    alert_id     uuid,
    device_id    uuid,
    first_seen   timestamp with time zone not null,
    last_seen    timestamp with time zone not null,
    primary key (key_kind, key_value, tenant_id, entity)
);
create index campaign_sighting_tenant_ix on campaign_sighting (tenant_id);

create table campaign (
    id           uuid primary key,
    -- the short id analysts say and the campaign alerts' rule id carries ("campaign:<short_id>")
    short_id     varchar(12)  not null unique,
    first_seen   timestamp with time zone not null,
    last_seen    timestamp with time zone not null,
    created_at   timestamp with time zone not null,
    shared_at    timestamp with time zone,
    shared_by    varchar(254)
);
create index campaign_last_seen_ix on campaign (last_seen);

-- The companies' alerts a campaign links: per company and entity, the original alert (what the key was seen on).
create table campaign_alert (
    campaign_id  uuid         not null references campaign (id),
    tenant_id    uuid         not null,
    entity       varchar(300) not null,
    alert_id     uuid,
    key_kind     varchar(20)  not null,
    key_value    varchar(300) not null,
    first_seen   timestamp with time zone not null,
    last_seen    timestamp with time zone not null,
    primary key (campaign_id, tenant_id, entity)
);
create index campaign_alert_tenant_ix on campaign_alert (tenant_id);
