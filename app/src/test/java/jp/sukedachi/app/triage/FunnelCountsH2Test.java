package jp.sukedachi.app.triage;

import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** The funnel's counters on the embedded default: H2 in the data folder. */
class FunnelCountsH2Test extends FunnelCountsContract {
    @Override
    List<String> databaseArgs() {
        return List.of();
    }

    @Override
    FluentConfiguration freshDatabase() {
        return Flyway.configure().dataSource("jdbc:h2:mem:backfill" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
    }
}
