-- Each detection keeps its category (jp.sukedachi.event.Category, by name), as the alert does since V17: the SME
-- home counts what the company's own devices blocked today and this month from the detections themselves, since an
-- alert's count spans its whole life (and an alert's category is the most serious of its detections). Detections
-- stored before this migration have none and are not counted.
alter table detection add column category varchar(20);
create index detection_tenant_category_at_ix on detection (tenant_id, category, at);
