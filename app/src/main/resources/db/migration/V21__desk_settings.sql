-- The provider's desk settings saved on /admin/desk (issue 16): one row per setting (phone, email, hours,
-- opening, closing, weekdays, closedDays, firstResponse.<PRIORITY>, resolution.<PRIORITY>). A setting without a
-- row takes its default from sukedachi.desk.* in application.yml. Provider-wide: no tenant.
create table desk_setting (
    name          varchar(64)   primary key,
    setting_value varchar(2000) not null,
    updated_at    timestamp with time zone not null,
    updated_by    uuid
);
