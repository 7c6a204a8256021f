package jp.sukedachi.app.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The in-process writer lock on a real H2 database and Spring's real transactions. */
class WriterLockTest {
    private final String url = "jdbc:h2:mem:writer" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    private final TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource(url)));

    private static JdbcDataSource dataSource(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        return ds;
    }

    @Test
    void onlyAnEmbeddedH2DatabaseBelongsToThisProcessAlone() {
        assertThat(WriterLock.oneProcess("jdbc:h2:file:./data/sukedachi;MODE=PostgreSQL")).isTrue();
        assertThat(WriterLock.oneProcess("jdbc:h2:./data/sukedachi")).isTrue();
        assertThat(WriterLock.oneProcess("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isTrue();
        assertThat(WriterLock.oneProcess("jdbc:h2:tcp://db:9092/sukedachi")).isFalse();
        assertThat(WriterLock.oneProcess("jdbc:h2:ssl://db/sukedachi")).isFalse();
        assertThat(WriterLock.oneProcess("jdbc:h2:./data/x;AUTO_SERVER=TRUE")).isFalse();
        assertThat(WriterLock.oneProcess("jdbc:postgresql://127.0.0.1:5432/test")).isFalse();
    }

    @Test
    void heldFromTheFirstCallToTheEndOfTheTransactionCommittedOrRolledBack() {
        WriterLock lock = new WriterLock(url);
        tx.executeWithoutResult(s -> {
            assertThat(lock.holdUntilTransactionEnds()).isTrue();
            assertThat(lock.holdUntilTransactionEnds()).as("again in the same transaction").isTrue();
            assertThat(lock.isLocked()).isTrue();
        });
        assertThat(lock.isLocked()).as("released at commit").isFalse();
        tx.executeWithoutResult(s -> {
            lock.holdUntilTransactionEnds();
            s.setRollbackOnly();
        });
        assertThat(lock.isLocked()).as("released at rollback").isFalse();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            lock.holdUntilTransactionEnds();
            throw new IllegalArgumentException("the batch failed");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(lock.isLocked()).as("released when the work throws").isFalse();
    }

    @Test
    void anotherThreadOrContextOnTheSameDatabaseWaitsForTheTransaction() throws Exception {
        WriterLock mine = new WriterLock(url);
        WriterLock otherContext = new WriterLock(url + ";MODE=PostgreSQL");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(2)) {
            Future<?> first = pool.submit(() -> tx.executeWithoutResult(s -> {
                mine.holdUntilTransactionEnds();
                held.countDown();
                await(release);
            }));
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> second = pool.submit(() -> tx.executeWithoutResult(s -> otherContext.holdUntilTransactionEnds()));
            assertThatThrownBy(() -> second.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
        }
        assertThat(mine.isLocked()).isFalse();
    }

    @Test
    void aSharedDatabaseLeavesLockingToItsRowsAndOutsideATransactionItRefuses() {
        WriterLock postgres = new WriterLock("jdbc:postgresql://127.0.0.1:5432/test");
        tx.executeWithoutResult(s -> assertThat(postgres.holdUntilTransactionEnds()).isFalse());
        assertThat(postgres.isLocked()).isFalse();
        assertThatThrownBy(() -> new WriterLock(url).holdUntilTransactionEnds())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
