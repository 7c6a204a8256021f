-- Offboarding (issue 17): a company leaves; after a grace period everything of it is deleted.

-- Set while the company is being offboarded: its users cannot log in and its devices cannot send.
alter table tenant add column suspended_at timestamp with time zone;

-- One offboarding of a company. While RUNNING or CANCELLED the row names the company (tenant_id); when
-- COMPLETED the company is gone and the row keeps no id, name or person: only the slug's SHA-256 and the counts.
create table offboarding (
    id             uuid primary key,
    tenant_id      uuid references tenant (id),
    slug_sha256    char(64)      not null,
    -- RUNNING, CANCELLED, COMPLETED
    status         varchar(12)   not null,
    reason         varchar(1000),
    requested_by   varchar(200),
    started_by     varchar(254),
    started_at     timestamp with time zone not null,
    due_at         timestamp with time zone not null,
    cancelled_by   varchar(254),
    finished_at    timestamp with time zone,
    -- "table=rows" per table, comma-separated; journal records erased
    deleted_counts varchar(8000),
    deleted_rows   bigint,
    journal_erased bigint
);
create index offboarding_tenant_ix on offboarding (tenant_id);
create index offboarding_due_ix on offboarding (status, due_at);
create index offboarding_slug_ix on offboarding (slug_sha256);

insert into job_lock (name) values ('offboarding');
