package jp.sukedachi.app.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.sukedachi.app.incident.ReportingFacts.PersonalData;
import jp.sukedachi.app.shared.Formats;
import org.junit.jupiter.api.Test;

/** Which parties an incident's company must or should tell, and by when (pure: the rules and the duty plan). */
class ReportingRulesTest {
    static final Instant LEARNED = jst(2026, 6, 1, 10, 0);

    static Instant jst(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min).atZone(Formats.TOKYO).toInstant();
    }

    static ReportingFacts facts(PersonalData pd, Integer people, boolean encrypted, boolean partners, boolean money,
            boolean crime) {
        return new ReportingFacts(LEARNED, pd, people, false, false, encrypted, partners, money, crime, true);
    }

    static Map<ReportingParty, ReportingRules.Required> required(IncidentType type, ReportingFacts facts) {
        return ReportingRules.required(type, facts, LEARNED).stream()
                .collect(Collectors.toMap(ReportingRules.Required::party, Function.identity()));
    }

    @Test
    void ransomwareWithThirtyCustomersDataMeansThePpcWithinThreeDaysAndSixtyDaysPoliceIpaAndTheInsurer() {
        var duties = required(IncidentType.RANSOMWARE, facts(PersonalData.YES, 30, false, false, false, false));
        assertThat(duties.keySet()).containsExactlyInAnyOrder(ReportingParty.DESK, ReportingParty.INSURER,
                ReportingParty.POLICE, ReportingParty.IPA, ReportingParty.PPC_PRELIMINARY, ReportingParty.PPC_FINAL,
                ReportingParty.PEOPLE);
        // Preliminary "promptly": the early end of the PPC's 3–5 days; final within 60 days (an attack).
        assertThat(duties.get(ReportingParty.PPC_PRELIMINARY).dueAt()).isEqualTo(jst(2026, 6, 4, 10, 0));
        assertThat(duties.get(ReportingParty.PPC_FINAL).dueAt()).isEqualTo(jst(2026, 7, 31, 10, 0));
        assertThat(duties.get(ReportingParty.PPC_FINAL).reasonKey()).isEqualTo("reporting.reason.PPC.malicious");
        assertThat(duties.get(ReportingParty.POLICE).dueAt()).isEqualTo(jst(2026, 6, 2, 10, 0));
        assertThat(duties.get(ReportingParty.INSURER).dueAt()).isEqualTo(jst(2026, 6, 2, 10, 0));
        // The desk knew when it opened the incident.
        assertThat(duties.get(ReportingParty.DESK).doneAt()).isEqualTo(LEARNED);
    }

    @Test
    void aLostUnencryptedLaptopWithTwelveHundredCustomersMeansThePpcWithinThirtyDays() {
        var duties = required(IncidentType.LOST_DEVICE, facts(PersonalData.YES, 1200, false, false, false, false));
        assertThat(duties.keySet()).contains(ReportingParty.PPC_PRELIMINARY, ReportingParty.PPC_FINAL,
                ReportingParty.PEOPLE, ReportingParty.INSURER).doesNotContain(ReportingParty.POLICE, ReportingParty.IPA);
        assertThat(duties.get(ReportingParty.PPC_FINAL).dueAt()).isEqualTo(jst(2026, 7, 1, 10, 0));
        assertThat(duties.get(ReportingParty.PPC_FINAL).reasonKey()).isEqualTo("reporting.reason.PPC.many");
    }

    @Test
    void theSameLaptopWithAThousandPeopleOrStronglyEncryptedNeedsNoPpcReportButStolenItDoes() {
        assertThat(required(IncidentType.LOST_DEVICE, facts(PersonalData.YES, 1000, false, false, false, false)))
                .doesNotContainKey(ReportingParty.PPC_PRELIMINARY);
        assertThat(required(IncidentType.LOST_DEVICE, facts(PersonalData.YES, 1200, true, false, false, false)))
                .doesNotContainKey(ReportingParty.PPC_PRELIMINARY);
        // Stolen: a wrongful purpose, whatever the number — and a crime for the police; final report 60 days.
        var stolen = required(IncidentType.LOST_DEVICE, facts(PersonalData.MAYBE, 3, false, false, false, true));
        assertThat(stolen).containsKeys(ReportingParty.PPC_PRELIMINARY, ReportingParty.POLICE);
        assertThat(stolen.get(ReportingParty.PPC_FINAL).dueAt()).isEqualTo(jst(2026, 7, 31, 10, 0));
    }

    @Test
    void sensitiveOrFinancialDataOfOnePersonIsReportable() {
        var sensitive = new ReportingFacts(LEARNED, PersonalData.YES, 1, true, false, false, false, false, false, true);
        var financial = new ReportingFacts(LEARNED, PersonalData.YES, 1, false, true, false, false, false, false, true);
        assertThat(required(IncidentType.DATA_LEAK, sensitive).get(ReportingParty.PPC_FINAL).dueAt())
                .isEqualTo(jst(2026, 7, 1, 10, 0));
        assertThat(required(IncidentType.DATA_LEAK, financial)).containsKey(ReportingParty.PPC_PRELIMINARY);
        assertThat(required(IncidentType.DATA_LEAK, facts(PersonalData.YES, 5, false, false, false, false)))
                .doesNotContainKey(ReportingParty.PPC_PRELIMINARY);
    }

    @Test
    void phishingWithNoDataGoesToJpcertAndNotToThePpc() {
        var duties = required(IncidentType.PHISHING, facts(PersonalData.NO, null, false, false, false, false));
        assertThat(duties.keySet()).containsExactlyInAnyOrder(ReportingParty.DESK, ReportingParty.JPCERT);
        // Money lost to it (a false invoice): fraud for the police, a cost for the insurer.
        assertThat(required(IncidentType.PHISHING, facts(PersonalData.NO, null, false, false, true, false)))
                .containsKeys(ReportingParty.POLICE, ReportingParty.INSURER);
    }

    @Test
    void defacementGoesToJpcertAndIpa() {
        assertThat(required(IncidentType.DEFACEMENT, facts(PersonalData.NO, null, false, false, false, false)))
                .containsKeys(ReportingParty.JPCERT, ReportingParty.IPA)
                .doesNotContainKey(ReportingParty.PPC_PRELIMINARY);
    }

    @Test
    void anUnknownDeviceAloneIsForTheDeskOnlyUntilPartnersAreAffected() {
        assertThat(required(IncidentType.UNKNOWN_DEVICE, ReportingFacts.unanswered(LEARNED)).keySet())
                .containsExactly(ReportingParty.DESK);
        assertThat(required(IncidentType.UNKNOWN_DEVICE, facts(PersonalData.NO, null, false, true, false, false)))
                .containsKey(ReportingParty.PARTNERS);
    }

    @Test
    void marksSurviveNewFactsAndOpenDutiesFollowThem() {
        UUID incident = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        Instant sent = jst(2026, 6, 2, 9, 0);
        var before = DutyPlan.merge(incident, tenant, ReportingRules.required(IncidentType.RANSOMWARE,
                facts(PersonalData.YES, 30, false, false, false, false), LEARNED), List.of(), sent);
        List<ReportDuty> stored = before.stream().map(l -> l.party() == ReportingParty.POLICE
                ? new ReportDuty(incident, tenant, l.party(), l.duty().dueAt(), ReportDuty.Status.SENT, sent,
                        "analyst@example.jp", null)
                : l.duty()).toList();
        // Then it turns out no personal data was involved: the PPC's duties go, the police mark stays.
        var after = DutyPlan.merge(incident, tenant, ReportingRules.required(IncidentType.RANSOMWARE,
                facts(PersonalData.NO, null, false, false, false, false), LEARNED), stored, jst(2026, 6, 3, 9, 0));
        assertThat(after).extracting(DutyPlan.Line::party).doesNotContain(ReportingParty.PPC_PRELIMINARY)
                .contains(ReportingParty.POLICE, ReportingParty.IPA);
        var police = after.stream().filter(l -> l.party() == ReportingParty.POLICE).findFirst().orElseThrow();
        assertThat(police.duty().status()).isEqualTo(ReportDuty.Status.SENT);
        assertThat(police.duty().doneAt()).isEqualTo(sent);
        assertThat(police.urgency()).isEqualTo(DutyPlan.Urgency.DONE);
        // IPA (7 days) is later; the insurer (1 day) is overdue on 6/3.
        var byParty = after.stream().collect(Collectors.toMap(DutyPlan.Line::party, DutyPlan.Line::urgency));
        assertThat(byParty.get(ReportingParty.INSURER)).isEqualTo(DutyPlan.Urgency.OVERDUE);
        assertThat(byParty.get(ReportingParty.IPA)).isEqualTo(DutyPlan.Urgency.LATER);
        // A marked duty no longer required stays on record; an open one goes.
        var kept = DutyPlan.merge(incident, tenant, ReportingRules.required(IncidentType.OTHER,
                ReportingFacts.unanswered(LEARNED), LEARNED), stored, jst(2026, 6, 3, 9, 0));
        assertThat(kept).extracting(DutyPlan.Line::party).containsExactly(ReportingParty.DESK, ReportingParty.POLICE);
        assertThat(kept.get(1).reasonKey()).isNull();
    }

    @Test
    void aDeadlineWithinADayIsDueSoon() {
        var duty = new ReportDuty(null, null, ReportingParty.IPA, jst(2026, 6, 2, 10, 0), ReportDuty.Status.TODO, null,
                null, null);
        assertThat(DutyPlan.urgency(duty, jst(2026, 6, 1, 9, 0))).isEqualTo(DutyPlan.Urgency.LATER);
        assertThat(DutyPlan.urgency(duty, jst(2026, 6, 1, 11, 0))).isEqualTo(DutyPlan.Urgency.DUE_SOON);
        assertThat(DutyPlan.urgency(duty, jst(2026, 6, 2, 10, 0))).isEqualTo(DutyPlan.Urgency.OVERDUE);
    }
}
