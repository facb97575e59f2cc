package io.grokgram.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The policy users agree to: its version (a new one asks every user again) and what each provider keeps, for the
 * consent text and {@code /privacy}.
 */
public final class PrivacyPolicy {
    private final int version;
    private final Map<String, RetentionStatement> statements = new LinkedHashMap<>();

    /** @param statements one per provider, the primary provider's first */
    public PrivacyPolicy(int version, List<RetentionStatement> statements) {
        if (version < 1) {
            throw new IllegalArgumentException("the policy version must be at least 1, got " + version);
        }
        this.version = version;
        for (RetentionStatement statement : statements) {
            if (this.statements.putIfAbsent(statement.provider(), statement) != null) {
                throw new IllegalArgumentException("two retention statements for provider " + statement.provider());
            }
        }
        if (this.statements.isEmpty()) {
            throw new IllegalArgumentException("the policy needs the retention statement of at least one provider");
        }
    }

    public int version() {
        return version;
    }

    /** Every provider's statement, the primary provider's first. */
    public List<RetentionStatement> statements() {
        return List.copyOf(statements.values());
    }

    /** The statement for {@code provider}; one saying the operator has not described it when none is configured. */
    public RetentionStatement statement(String provider) {
        Objects.requireNonNull(provider, "provider");
        RetentionStatement statement = statements.get(provider);
        return statement != null ? statement : RetentionStatement.unknown(provider);
    }

    @Override
    public String toString() {
        return "PrivacyPolicy[version " + version + ", providers " + statements.keySet() + "]";
    }
}
