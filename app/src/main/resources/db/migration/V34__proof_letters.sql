-- Proof-of-check letters (issue 18): what a company's owner hands a business partner as proof that its line is
-- watched. facts is the snapshot of the letter's facts as JSON, taken when it was made, so the public verification
-- page shows exactly what the letter says even after the records move on. The verification link's token is kept
-- only as its SHA-256 (hex): whoever holds the letter holds the token; the server can only recognise it.
-- Portable types only (H2 MODE=PostgreSQL, PostgreSQL).
create table proof_letter (
    id              uuid primary key,
    tenant_id       uuid not null references tenant (id),
    -- the period watched, Japan dates, both inclusive
    period_from     date not null,
    period_to       date not null,
    -- how many whole months the owner chose (3, 6 or 12); the start may be later (the company's first device)
    months          integer not null,
    facts           varchar(1000000) not null,
    token_hash      varchar(64) not null unique,
    created_at      timestamp with time zone not null,
    created_by      varchar(254) not null,
    revoked_at      timestamp with time zone,
    revoked_by      varchar(254),
    -- opened on the verification page (not the owner's own pages)
    views           bigint not null default 0,
    last_viewed_at  timestamp with time zone,
    check (period_from <= period_to)
);
create index proof_letter_tenant_ix on proof_letter (tenant_id, created_at);
