package dev.atom.identity.internal;

import dev.atom.shared.time.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts failed logins per key ({@code email:<address>}, {@code ip:<address>}) in the database, so every
 * instance sees the same counts. {@code limit} failures within the window lock the key; each further lock
 * doubles, up to the maximum. Thread-safe: the counting update takes the row's write lock (PostgreSQL) or
 * the database write lock (SQLite, IMMEDIATE transactions) before the row is read back.
 */
@Component
class LoginThrottle {
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final IdentityProperties.Throttle settings;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, TransactionTemplate transactions, IdentityProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = properties.throttle();
        this.clock = clock;
    }

    static String emailKey(String email) {
        return "email:" + email;
    }

    static String ipKey(String ip) {
        return "ip:" + ip;
    }

    /** How long the key stays locked; empty when it is not locked. */
    Optional<Duration> lockedFor(String key) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT locked_until FROM login_throttle WHERE throttle_key = :key")
                .param("key", key)
                .query(String.class)
                .optional()
                .map(Timestamps::parse)
                .filter(until -> until.isAfter(now))
                .map(until -> Duration.between(now, until));
    }

    /** Counts one failure; returns the lock it caused, if this failure reached the limit. */
    Optional<Duration> recordFailure(String key, int limit) {
        Instant now = clock.instant();
        return transactions.execute(status -> {
            jdbc.sql("""
                    INSERT INTO login_throttle (throttle_key, failures, window_started_at, lockouts)
                    VALUES (:key, 0, :now, 0) ON CONFLICT (throttle_key) DO NOTHING""").param("key", key).param("now", Timestamps.format(now)).update();
            // A failure after the window has passed starts a new window.
            jdbc.sql("""
                    UPDATE login_throttle SET
                      failures = CASE WHEN window_started_at < :windowStart THEN 1 ELSE failures + 1 END,
                      window_started_at = CASE WHEN window_started_at < :windowStart THEN :now
                                               ELSE window_started_at END
                    WHERE throttle_key = :key""")
                    .param("windowStart", Timestamps.format(now.minus(settings.window())))
                    .param("now", Timestamps.format(now))
                    .param("key", key)
                    .update();
            Row row = jdbc.sql("SELECT failures, locked_until, lockouts FROM login_throttle WHERE throttle_key = :key")
                    .param("key", key)
                    .query((rs, n) -> new Row(
                            rs.getInt("failures"),
                            Timestamps.parse(rs.getString("locked_until")),
                            rs.getInt("lockouts")))
                    .single();
            if (row.failures() < limit) {
                return Optional.<Duration>empty();
            }
            // Locks grow while the attack goes on; a day of quiet starts over at the first lock.
            int lockouts = row.lockedUntil() != null && row.lockedUntil().isBefore(now.minus(Duration.ofDays(1)))
                    ? 0
                    : row.lockouts();
            Duration lock = lockDuration(lockouts);
            jdbc.sql("""
                    UPDATE login_throttle SET failures = 0, window_started_at = :now, locked_until = :until,
                      lockouts = :lockouts WHERE throttle_key = :key""")
                    .param("now", Timestamps.format(now))
                    .param("until", Timestamps.format(now.plus(lock)))
                    .param("lockouts", lockouts + 1)
                    .param("key", key)
                    .update();
            return Optional.of(lock);
        });
    }

    /** Forgets a key's failures (after a successful login of that email). */
    void reset(String key) {
        jdbc.sql("DELETE FROM login_throttle WHERE throttle_key = :key")
                .param("key", key)
                .update();
    }

    private Duration lockDuration(int previousLockouts) {
        Duration lock = settings.firstLock();
        for (int i = 0; i < previousLockouts && lock.compareTo(settings.maxLock()) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(settings.maxLock()) > 0 ? settings.maxLock() : lock;
    }

    private record Row(int failures, Instant lockedUntil, int lockouts) {}
}
