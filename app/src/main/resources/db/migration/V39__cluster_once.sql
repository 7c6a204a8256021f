-- Several instances on one database (issue 20): every scheduled job with a visible effect runs once per cluster, and
-- indicator and Sigma rule changes reach every process.

-- Jobs whose work runs in transactions of its own hold their job's row on a separate connection for the whole run
-- (JobLocks.runExclusive): the daily digest (two instances splitting one recipient's digest would send two mails),
-- the feed refresh (one fetch per feed, not one per instance), the desk mailbox poll (one intake of each mail) and
-- the daily clean-up of old campaign sightings.
insert into job_lock (name) values ('notify-digest');
insert into job_lock (name) values ('intel-feeds');
insert into job_lock (name) values ('desk-mail');
insert into job_lock (name) values ('campaign-forget');

-- One row per kind of change every process must rebuild from (intel: the indicator snapshot; sigma: the compiled
-- rules). A change bumps its kind's version; each process rebuilds when the version moved past the one it built.
create table change_version (
    kind     varchar(32) primary key,
    version  bigint      not null
);
insert into change_version (kind, version) values ('intel', 0);
insert into change_version (kind, version) values ('sigma', 0);
