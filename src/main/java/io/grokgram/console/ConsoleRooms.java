package io.grokgram.console;

import io.grokgram.assistant.TurnStatistics;
import io.grokgram.assistant.UserRights;
import io.grokgram.billing.Billing;
import io.grokgram.privacy.AuditLog;
import io.grokgram.privacy.Consents;
import io.grokgram.privacy.DataRights;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The rooms' façades the console and the Mini App read and act through, handed over by {@code app} once they exist
 * (they are built after the HTTP server starts; until then both answer 503).
 *
 * @param telegramCalls failed Bot API calls by outcome since this process started ({@code rate_limited} is a 429),
 *     plus {@code ok}
 */
public record ConsoleRooms(
        Billing billing,
        TurnStatistics turns,
        Consents consents,
        AuditLog audit,
        DataRights rights,
        UserRights users,
        Supplier<Map<String, Double>> telegramCalls) {
    public ConsoleRooms {
        Objects.requireNonNull(billing, "billing");
        Objects.requireNonNull(turns, "turns");
        Objects.requireNonNull(consents, "consents");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(rights, "rights");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(telegramCalls, "telegramCalls");
    }
}
