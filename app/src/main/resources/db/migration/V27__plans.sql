-- Issue 17 (branch plan): the provider's plans and each company's contract.

-- A plan the provider sells. Yen amounts are whole yen, tax excluded. A plan a contract uses is retired, never
-- deleted, so the history of contracts keeps pointing at what was sold.
create table plan (
    id                    uuid          primary key,
    name                  varchar(100)  not null,
    -- NETWORK, ENDPOINT, HYBRID (PlanType)
    type                  varchar(10)   not null,
    -- 1 = 1類, 2 = 2類
    tier                  integer       not null,
    -- the monthly base price (the whole price of a network plan; the network part of a hybrid plan)
    monthly_yen           bigint        not null,
    -- the price per endpoint (PC, server) per month; 0 for a network plan
    per_device_yen        bigint        not null,
    -- desk (consultation) hours included per month, 0 = as needed
    desk_hours_per_month  integer       not null,
    visits_per_year       integer       not null,
    target_arrival_hours  integer       not null,
    onsite_yen_per_hour   bigint        not null,
    travel_yen_per_hour   bigint        not null,
    desk_yen_per_hour     bigint        not null,
    retired               boolean       not null default false,
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null,
    updated_by            varchar(254)  not null,
    constraint plan_name_unique unique (name),
    constraint plan_tier check (tier in (1, 2)),
    constraint plan_type check (type in ('NETWORK', 'ENDPOINT', 'HYBRID')),
    constraint plan_amounts check (monthly_yen >= 0 and per_device_yen >= 0 and desk_hours_per_month >= 0
        and visits_per_year >= 0 and target_arrival_hours > 0 and onsite_yen_per_hour >= 0
        and travel_yen_per_hour >= 0 and desk_yen_per_hour >= 0)
);

-- A company's contract for a period. The periods of one company never overlap (PlanService ends the running
-- contract the day before a new one starts), so at most one is in force on a day and the old rows are the history.
-- The terms agreed (kind, class, prices, what is included, hourly rates) are copied from the plan when the contract
-- is made or its plan changes: a later price change of the plan applies to new contracts only, so a past month's
-- usage statement and an insurance claim's visit cost keep the prices the company agreed to.
create table contract (
    id                    uuid          primary key,
    tenant_id             uuid          not null references tenant (id),
    plan_id               uuid          not null references plan (id),
    start_day             date          not null,
    -- the last day, or null while the contract runs until further notice
    end_day               date,
    -- network devices (UTM, sensor) and endpoints (PCs, servers) contracted
    devices               integer       not null,
    endpoints             integer       not null,
    -- as agreed (the plan's columns of the same names at the time)
    type                  varchar(10)   not null,
    tier                  integer       not null,
    monthly_yen           bigint        not null,
    per_device_yen        bigint        not null,
    desk_hours_per_month  integer       not null,
    visits_per_year       integer       not null,
    target_arrival_hours  integer       not null,
    onsite_yen_per_hour   bigint        not null,
    travel_yen_per_hour   bigint        not null,
    desk_yen_per_hour     bigint        not null,
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null,
    updated_by            varchar(254)  not null,
    constraint contract_counts check (devices >= 0 and endpoints >= 0),
    constraint contract_tier check (tier in (1, 2)),
    constraint contract_type check (type in ('NETWORK', 'ENDPOINT', 'HYBRID')),
    constraint contract_amounts check (monthly_yen >= 0 and per_device_yen >= 0 and desk_hours_per_month >= 0
        and visits_per_year >= 0 and target_arrival_hours > 0 and onsite_yen_per_hour >= 0
        and travel_yen_per_hour >= 0 and desk_yen_per_hour >= 0),
    constraint contract_period check (end_day is null or end_day >= start_day),
    constraint contract_start_unique unique (tenant_id, start_day)
);
create index contract_tenant_ix on contract (tenant_id, start_day);
create index contract_plan_ix on contract (plan_id);
