package dk.albertslund.signage.retention;

import io.micronaut.context.env.Environment;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps records only as long as their {@link RetentionPolicy} says. The periods are read
 * when a server that runs jobs starts and stores them, so a bad setting stops it with the
 * setting named.
 */
@Singleton
public class Retention {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,79}");

    private record Policy(RetentionPolicy policy, Duration period) {
    }

    private final List<Policy> policies;
    private final TransactionOperations<Connection> transactions;

    Retention(List<RetentionPolicy> policies, Environment environment, TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
        List<String> problems = new ArrayList<>();
        List<Policy> resolved = new ArrayList<>();
        for (RetentionPolicy policy : policies) {
            if (!NAME.matcher(policy.name()).matches()) {
                problems.add(policy.getClass().getName() + " needs a name in lowercase words and hyphens (has '" + policy.name() + "')");
                continue;
            }
            String setting = "signage.retention." + policy.name();
            String value = environment.getProperty(setting, String.class).orElse(null);
            Duration period = value == null ? policy.defaultPeriod() : parse(value);
            if (period == null || period.isNegative() || period.isZero()) {
                problems.add(setting + " must be a period longer than zero, like P30D (is '" + (value == null ? policy.defaultPeriod() : value) + "')");
                continue;
            }
            resolved.add(new Policy(policy, period));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The retention settings are refused:\n  - " + String.join("\n  - ", problems));
        }
        resolved.sort(Comparator.comparing(p -> p.policy().name()));
        this.policies = List.copyOf(resolved);
    }

    private static Duration parse(String value) {
        try {
            return Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** How long each kind of record is kept, by name. */
    public Map<String, Duration> periods() {
        Map<String, Duration> periods = new LinkedHashMap<>();
        policies.forEach(p -> periods.put(p.policy().name(), p.period()));
        return periods;
    }

    /**
     * Prunes every kind of record, each in a transaction of its own with its own period
     * counted back from {@code now}; returns how many of each were deleted. One that fails
     * does not stop the others; the failures are reported together at the end.
     */
    public Map<String, Integer> prune(Instant now) {
        Map<String, Integer> pruned = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        RuntimeException first = null;
        for (Policy p : policies) {
            try {
                Instant cutoff = now.minus(p.period());
                pruned.put(p.policy().name(), transactions.executeWrite(status -> p.policy().prune(cutoff)));
            } catch (RuntimeException e) {
                failures.add(p.policy().name() + ": " + e.getMessage());
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new IllegalStateException("Retention failed for " + String.join("; ", failures) + " (pruned otherwise: " + pruned + ")", first);
        }
        return pruned;
    }
}
