-- Campaign sightings are forgotten by when the provider saw them (wall clock), not by when they happened (event
-- time): a replayed or imported month-old log keeps its sightings for two windows like a live one. Correlation
-- itself stays in event time (first_seen, last_seen). Existing rows keep the old rule (sighted at their last event).
alter table campaign_sighting add column sighted_at timestamp with time zone;
update campaign_sighting set sighted_at = last_seen;
alter table campaign_sighting alter column sighted_at set not null;
create index campaign_sighting_sighted_ix on campaign_sighting (sighted_at);
