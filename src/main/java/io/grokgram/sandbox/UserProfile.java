package io.grokgram.sandbox;

import java.util.Objects;
import java.util.Optional;

/** A sandbox person as Telegram shows them to bots. */
record UserProfile(long id, String firstName, Optional<String> username, String languageCode) {
    UserProfile {
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(languageCode, "languageCode");
        if (id <= 0) {
            throw new IllegalArgumentException("user id must be positive, got " + id);
        }
        if (firstName.isBlank()) {
            throw new IllegalArgumentException("user " + id + " needs a first name");
        }
    }
}
