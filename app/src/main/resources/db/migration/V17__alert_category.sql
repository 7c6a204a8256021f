-- The alert keeps the category its detector decided (jp.sukedachi.event.Category, stored by name): every text an
-- SME or a notification reads is chosen by it. New alerts get it from their detections.
alter table alert add column category varchar(20);

-- Legacy data only: alerts stored before this migration have no category, so it is guessed once from the
-- detector, rule id and title by the rules the SME page used until now (AlertKind, removed with this change),
-- as far as SQL can: plain substrings instead of its whole-word match of ransomware family names (the short,
-- ambiguous ones such as "conti" and "hive" are left out). Nothing reads titles after this.
alter table alert add column legacy_text varchar(2700);
update alert set legacy_text = lower(rule_id || ' ' || title);
update alert set category = case
    when detector = 'sensor' and legacy_text like '%blocked%' and legacy_text not like '%not blocked%' then 'BLOCKED'
    when legacy_text like '%ransom%' or legacy_text like '%lockbit%' or legacy_text like '%ryuk%'
        or legacy_text like '%revil%' or legacy_text like '%sodinokibi%' or legacy_text like '%blackcat%'
        or legacy_text like '%alphv%' or legacy_text like '%akira%' or legacy_text like '%phobos%'
        or legacy_text like '%wannacry%' or legacy_text like '%black basta%' or legacy_text like '%blackbasta%'
        or legacy_text like '%8base%' or legacy_text like '%rhysida%' or legacy_text like '%babuk%'
        or legacy_text like '%ragnar%' or legacy_text like '%avaddon%' or legacy_text like '%darkside%'
        or legacy_text like '%cl0p%' then 'RANSOMWARE'
    when detector = 'intel' and (legacy_text like '%botnet%' or legacy_text like '% c2%'
        or legacy_text like '%c&c%' or legacy_text like '%command and control%') then 'C2'
    when detector = 'intel' and (legacy_text like '%malware delivery%' or legacy_text like '%payload%'
        or legacy_text like '%malware download%' or legacy_text like '%malicious file%') then 'MALWARE_DOWNLOAD'
    when detector = 'intel' and legacy_text like '%phishing%' then 'PHISHING'
    when (detector = 'watch' and rule_id = 'silent-device') or legacy_text like '%silent%'
        or legacy_text like '%no events%' or legacy_text like '%stopped sending%'
        or legacy_text like '%heartbeat%' then 'SILENT_DEVICE'
    when legacy_text like '%unknown device%' or legacy_text like '%new device%' or legacy_text like '%unknown_device%'
        or legacy_text like '%unregistered device%' or legacy_text like '%rogue device%' then 'UNKNOWN_DEVICE'
    when legacy_text like '%outdated%' or legacy_text like '%end of life%' or legacy_text like '%end-of-life%'
        or legacy_text like '%unsupported os%' or legacy_text like '%windows xp%'
        or legacy_text like '%eol os%' then 'OUTDATED_OS'
    when legacy_text like '%phish%' or legacy_text like '%spoof%' or legacy_text like '%dmarc%'
        or legacy_text like '%spf fail%' or legacy_text like '%dkim%' or legacy_text like '%suspicious mail%'
        or legacy_text like '%malicious attachment%' then 'PHISHING'
    when legacy_text like '%brute%' or legacy_text like '%password guess%' or legacy_text like '%password spray%'
        or legacy_text like '%failed logon%' or legacy_text like '%failed login%' or legacy_text like '%logon failure%'
        or legacy_text like '%login failure%' or legacy_text like '%unauthori%' or legacy_text like '%4625%'
        or legacy_text like '%impossible travel%' then 'PASSWORD_GUESSING'
    when legacy_text like '%scan%' or legacy_text like '%probe%' or legacy_text like '%sweep%' then 'SCAN'
    when legacy_text like '%c2%' or legacy_text like '%botnet%' or legacy_text like '%beacon%'
        or legacy_text like '%command and control%' then 'C2'
    when legacy_text like '%malware%' or legacy_text like '%download%' or legacy_text like '%trojan%'
        or legacy_text like '%virus%' or legacy_text like '%emotet%' then 'MALWARE_DOWNLOAD'
    else 'OTHER' end;
alter table alert drop column legacy_text;
alter table alert alter column category set not null;

-- The staff queue and the API filter by category.
create index alert_category_last_seen_ix on alert (category, last_seen);
