-- Simple cyber insurance (issue 17, branch policy): insurers, the users who work for them, and one policy per
-- company per day with its coverage lines. Portable types only (H2 MODE=PostgreSQL and PostgreSQL 15+). Whole yen.

-- An insurance company, created by the provider admin; the contact is where the provider sends claims.
create table insurer (
    id              uuid          primary key,
    name            varchar(200)  not null,
    contact_name    varchar(100)  not null,
    contact_phone   varchar(30),
    contact_email   varchar(254),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);
create unique index insurer_name_ux on insurer (name);

-- A user with the role INSURER works for one insurer (none until the admin assigns one).
create table insurer_user (
    user_id         uuid          primary key references app_user (id),
    insurer_id      uuid          not null references insurer (id),
    assigned_at     timestamp with time zone not null
);
create index insurer_user_insurer_ix on insurer_user (insurer_id);

-- A company's policy. Periods of one company never overlap (the service checks it under a lock on the company).
create table insurance_policy (
    id                uuid          primary key,
    tenant_id         uuid          not null references tenant (id),
    insurer_id        uuid          not null references insurer (id),
    policy_number     varchar(50)   not null,
    valid_from        date          not null,
    valid_to          date          not null,
    -- the most the policy pays in one policy year, all lines together
    annual_limit_yen  bigint        not null,
    -- self-burden per claim (免責金額), taken from the lines in their order
    deductible_yen    bigint        not null,
    -- share of each line the policy pays after the deductible (縮小てん補割合), 1..100
    coverage_percent  integer       not null,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    constraint insurance_policy_period_ck check (valid_from <= valid_to),
    constraint insurance_policy_amounts_ck check (annual_limit_yen >= 0 and deductible_yen >= 0
        and coverage_percent between 1 and 100)
);
create index insurance_policy_tenant_ix on insurance_policy (tenant_id, valid_from);

-- One covered line of a policy (FIRST_RESPONSE, ONSITE_VISIT, FORENSIC, RECOVERY, NOTIFICATION, LIABILITY).
-- A line that is not covered has no row.
create table insurance_policy_line (
    policy_id            uuid          not null references insurance_policy (id),
    tenant_id            uuid          not null references tenant (id),
    line                 varchar(20)   not null,
    per_claim_limit_yen  bigint        not null,
    per_year_limit_yen   bigint        not null,
    primary key (policy_id, line),
    constraint insurance_policy_line_ck check (per_claim_limit_yen >= 0 and per_year_limit_yen >= 0)
);
create index insurance_policy_line_tenant_ix on insurance_policy_line (tenant_id);
