package jp.sukedachi.app.selfcheck.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RiskRatingTest {
    @Test
    void importanceIsTheHighestRatingAndPersonalDataIsAtLeastTwo() {
        assertThat(RiskRating.importance(1, 1, 1, false)).isEqualTo(1);
        assertThat(RiskRating.importance(1, 3, 2, false)).isEqualTo(3);
        assertThat(RiskRating.importance(1, 1, 1, true)).isEqualTo(2);
        assertThat(RiskRating.importance(3, 1, 1, true)).isEqualTo(3);
    }

    @Test
    void likelihoodComesFromTheThreatTimesVulnerabilityTable() {
        assertThat(RiskRating.likelihood(1, 1)).isEqualTo(1);
        assertThat(RiskRating.likelihood(1, 3)).isEqualTo(2);
        assertThat(RiskRating.likelihood(3, 1)).isEqualTo(2);
        assertThat(RiskRating.likelihood(2, 2)).isEqualTo(2);
        assertThat(RiskRating.likelihood(2, 3)).isEqualTo(3);
        assertThat(RiskRating.likelihood(3, 3)).isEqualTo(3);
        // The table is symmetric: a strong threat against weak protection is as likely as the reverse.
        for (int t = 1; t <= 3; t++) {
            for (int v = 1; v <= 3; v++) {
                assertThat(RiskRating.likelihood(t, v)).isEqualTo(RiskRating.likelihood(v, t));
            }
        }
    }

    @Test
    void riskIsImportanceTimesLikelihoodWithLevels() {
        assertThat(RiskRating.risk(3, 3)).isEqualTo(9);
        assertThat(RiskRating.risk(2, 3)).isEqualTo(6);
        assertThat(RiskRating.level(9)).isEqualTo("high");
        assertThat(RiskRating.level(6)).isEqualTo("high");
        assertThat(RiskRating.level(4)).isEqualTo("mid");
        assertThat(RiskRating.level(3)).isEqualTo("mid");
        assertThat(RiskRating.level(2)).isEqualTo("low");
        // A customer list (C3, personal data) on a PC without updates (threat 3, vulnerability 3).
        Asset list = new Asset(null, null, "顧客名簿", "営業部", "事務所PC", AssetForm.ELECTRONIC, true, 3, 2, 2, 3, 3,
                Decision.REDUCE, "更新を自動にする", null, null, null);
        assertThat(list.importance()).isEqualTo(3);
        assertThat(list.likelihood()).isEqualTo(3);
        assertThat(list.risk()).isEqualTo(9);
    }

    @Test
    void ratingsOutsideOneToThreeAreRefused() {
        assertThatThrownBy(() -> RiskRating.importance(0, 1, 1, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RiskRating.likelihood(1, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
