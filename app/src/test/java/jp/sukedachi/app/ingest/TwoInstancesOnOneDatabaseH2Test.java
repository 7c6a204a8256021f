package jp.sukedachi.app.ingest;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Two instances on one H2 database (shared in memory by the two application contexts of this JVM): H2 has no
 * notifications, so a change reaches the other instance by the version poll alone.
 */
class TwoInstancesOnOneDatabaseH2Test extends TwoInstancesOnOneDatabaseContract {
    private final String url = "jdbc:h2:mem:once" + UUID.randomUUID().toString().replace("-", "")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Override
    List<String> databaseArgs() {
        return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=sa",
                "--spring.datasource.password=");
    }

    @Override
    long pollMs() {
        return 500;
    }

    @Override
    Duration changeReachesTheOtherWithin() {
        return Duration.ofSeconds(5); // the poll interval, and the rebuild
    }
}
