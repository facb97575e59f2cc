package io.grokgram.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import io.grokgram.telegram.ChatId;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Workers on one PostgreSQL: what a group's admins or a user decide through one worker holds on every other at once
 * (a group's chats move between workers on a rebalance; a user's language is asked wherever they write).
 */
class SharedStoreChoicesTest {
    private static final long BOT = 7_100_001L;
    private static final ChatId GROUP = new ChatId(-1_000_000_555L);
    private static final ChatId USER = new ChatId(5_550_001L);

    @Test
    void a_group_switched_off_through_one_worker_is_off_on_the_worker_that_answered_it_before() {
        try (Database database = TestDatabases.postgres()) {
            GroupSettings before = new GroupSettings(database, BOT, Clock.systemUTC());
            GroupSettings now = new GroupSettings(database, BOT, Clock.systemUTC());
            assertThat(before.of(GROUP).enabled()).isTrue();

            now.save(GROUP, new GroupSettings.Settings(false, false));

            assertThat(before.of(GROUP).enabled()).isFalse();
        }
    }

    @Test
    void a_language_chosen_through_one_worker_is_used_by_another() {
        try (Database database = TestDatabases.postgres()) {
            LanguageChoices first = new LanguageChoices(database, BOT, Clock.systemUTC());
            LanguageChoices second = new LanguageChoices(database, BOT, Clock.systemUTC());
            assertThat(second.of(USER)).isEmpty();

            first.choose(USER, Optional.of(new Language("de")));

            assertThat(second.of(USER)).contains(new Language("de"));
        }
    }
}
