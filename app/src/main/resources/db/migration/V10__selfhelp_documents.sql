-- Self-help documents of a company: basic policy and internal rules, asset and risk ledger, cloud-service
-- checklist, lesson progress. Portable types only (H2 MODE=PostgreSQL and PostgreSQL 15+).

-- The basic security policy (基本方針), one per company; edited in place, updated_at is its version stamp.
create table selfhelp_policy (
    tenant_id         uuid primary key references tenant (id),
    doc_lang          varchar(2)    not null,
    company_name      varchar(200)  not null,
    head_title        varchar(100)  not null,
    head_name         varchar(100)  not null,
    established_on    date          not null,
    scope_text        varchar(2000) not null,
    purpose_text      varchar(4000) not null,
    compliance_text   varchar(4000) not null,
    management_text   varchar(4000) not null,
    measures_text     varchar(4000) not null,
    education_text    varchar(4000) not null,
    incident_text     varchar(4000) not null,
    improvement_text  varchar(4000) not null,
    -- people named in the internal rules' roles table
    role_officer      varchar(100),
    role_departments  varchar(100),
    role_sysadmin     varchar(100),
    role_education    varchar(100),
    role_incident     varchar(100),
    role_privacy      varchar(100),
    role_audit        varchar(100),
    -- 256 random bits, URL-safe; set while published, null after unpublishing (the old link then dies)
    public_token      varchar(64),
    published_at      timestamp with time zone,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null
);
create unique index selfhelp_policy_token_uq on selfhelp_policy (public_token);

-- Information assets with their risk rating (情報資産管理台帳).
create table selfhelp_asset (
    id               uuid primary key,
    tenant_id        uuid          not null references tenant (id),
    name             varchar(200)  not null,
    owner_name       varchar(100)  not null,
    place            varchar(200)  not null,
    -- paper | electronic | both
    asset_form       varchar(12)   not null,
    personal_data    boolean       not null,
    rating_c         integer       not null check (rating_c between 1 and 3),
    rating_i         integer       not null check (rating_i between 1 and 3),
    rating_a         integer       not null check (rating_a between 1 and 3),
    threat_level     integer       not null check (threat_level between 1 and 3),
    vuln_level       integer       not null check (vuln_level between 1 and 3),
    -- reduce | accept | transfer | avoid
    decision         varchar(12)   not null,
    measure          varchar(1000),
    next_review      date,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create index selfhelp_asset_tenant_ix on selfhelp_asset (tenant_id, name);

-- One cloud service a company uses, with the answers to the 14 questions ("y", "p", "n", "u" per question).
create table selfhelp_cloud (
    id           uuid primary key,
    tenant_id    uuid          not null references tenant (id),
    name         varchar(100)  not null,
    purpose      varchar(500)  not null,
    answers      varchar(14)   not null,
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null
);
create index selfhelp_cloud_tenant_ix on selfhelp_cloud (tenant_id, name);

-- Each user's result per lesson (lesson_no = self-check item 1..25).
create table selfhelp_lesson (
    user_id      uuid     not null references app_user (id),
    tenant_id    uuid     not null references tenant (id),
    lesson_no    integer  not null check (lesson_no between 1 and 25),
    attempts     integer  not null,
    best_score   integer  not null,
    questions    integer  not null,
    passed_at    timestamp with time zone,
    updated_at   timestamp with time zone not null,
    primary key (user_id, lesson_no)
);
create index selfhelp_lesson_tenant_ix on selfhelp_lesson (tenant_id);
