-- Issue 16 (branch notes): internal alert comments, and the desk's knowledge base.

-- Who may read an alert's history entry. Provider staff read every entry; a company's owner and members only those
-- visible to the company (the repository filters, never a template). Every existing row stays visible: until now
-- every comment, the staff's too, was shown to the company, so what a customer has already read is not taken back,
-- and the lifecycle entries (created, status, assigned, promoted) were always part of the company's API answer.
-- From now on a staff comment is internal unless its author chooses to show it; a company's own comment is always
-- visible (AlertService).
alter table alert_history add column visible_to_company boolean not null default true;

-- Knowledge-base articles, written by provider staff for every company of the provider. Each language is a title
-- and a body (plain text: paragraphs, "- " and "1. " lists; escaped when shown); either language may be missing,
-- never both (KnowledgeBase). Tags are stored lower-case, separated and surrounded by commas (",mail,phishing,").
-- DRAFT articles are for staff only; companies read PUBLISHED ones.
create table article (
    id          uuid primary key,
    -- an ArticleCategory name
    category    varchar(20)    not null,
    title_ja    varchar(200),
    body_ja     varchar(20000),
    title_en    varchar(200),
    body_en     varchar(20000),
    tags        varchar(600)   not null,
    -- DRAFT, PUBLISHED
    status      varchar(12)    not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    updated_by  varchar(254)   not null,
    constraint article_has_a_language check (title_ja is not null or title_en is not null),
    -- a language is a title and a body, or neither
    constraint article_ja_whole check ((title_ja is null and body_ja is null)
                                       or (title_ja is not null and body_ja is not null)),
    constraint article_en_whole check ((title_en is null and body_en is null)
                                       or (title_en is not null and body_en is not null))
);
create index article_status_ix on article (status, category, updated_at);
