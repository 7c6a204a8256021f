-- The asset inventory (issue 19): the devices seen on each company's LAN, learnt from its logs in the pipeline's
-- own transaction (DHCP, Zeek, user agents, FortiGate device identification, Windows logons). One row per device:
-- keyed by its MAC, or by its LAN address when no MAC is known (host_key = the MAC or the address). Times are the
-- events' own. The company marks a device as its own ('ours'), not its own ('not_ours') or leaves it 'undecided';
-- ledger_asset_id links the self-help asset ledger's entry (selfhelp_asset, same company, checked by the service).
create table lan_host (
    tenant_id       uuid not null references tenant (id),
    host_key        varchar(64) not null,
    mac             varchar(17),
    ip              varchar(45),
    names           varchar(400),
    device_kind     varchar(80),
    os_guess        varchar(80),
    os_evidence     varchar(400),
    seen_by         varchar(40),
    first_seen      timestamp with time zone not null,
    last_seen       timestamp with time zone not null,
    marking         varchar(12) not null default 'undecided' check (marking in ('undecided', 'ours', 'not_ours')),
    marked_by       varchar(254),
    marked_at       timestamp with time zone,
    ledger_asset_id uuid,
    label           varchar(60),
    primary key (tenant_id, host_key)
);
create index lan_host_ip_ix on lan_host (tenant_id, ip);
