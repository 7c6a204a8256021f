-- Reporting routes of incidents (issue 16): the facts the rules need that the incident record does not hold, asked
-- on the reporting page, and each outside party to tell with its deadline and whether staff marked it done.

create table incident_report_facts (
    incident_id        uuid          primary key references incident (id),
    tenant_id          uuid          not null,
    -- NO, MAYBE, YES: personal data leaked, lost or damaged (or possibly so)
    personal_data      varchar(8)    not null,
    -- how many people's data, when known
    people             integer,
    sensitive_data     boolean       not null,
    financial_data     boolean       not null,
    encrypted          boolean       not null,
    partners_affected  boolean       not null,
    money_lost         boolean       not null,
    crime_suspected    boolean       not null,
    updated_at         timestamp with time zone not null,
    updated_by         varchar(254)  not null
);

create table incident_report_duty (
    incident_id  uuid          not null references incident (id),
    tenant_id    uuid          not null,
    -- DESK, INSURER, POLICE, IPA, JPCERT, PPC_PRELIMINARY, PPC_FINAL, PEOPLE, PARTNERS
    party        varchar(20)   not null,
    due_at       timestamp with time zone not null,
    -- TODO, SENT, NOT_NEEDED
    status       varchar(12)   not null,
    done_at      timestamp with time zone,
    done_by      varchar(254),
    -- why it was not needed, or what was sent
    note         varchar(1000),
    primary key (incident_id, party)
);
-- Overdue duties across all companies (the staff's view of deadlines).
create index incident_report_duty_due_ix on incident_report_duty (status, due_at);
