package io.grokgram.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokgram.sandbox.MutableClock;
import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentCipherTest {
    private static final DataSubject ADA = new DataSubject(4_200_001L);
    private static final DataSubject BOB = new DataSubject(4_200_002L);
    private static final String SECRET = "my IBAN is DE89 3704 0044 0532 0130 00";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final MasterKey master = randomKey();

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void sealed_text_opens_for_its_user_and_shows_nothing_at_rest(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            ContentCipher cipher = ContentCipher.withMasterKey(database, master, clock);

            String sealed = cipher.seal(ADA, SECRET);

            assertThat(sealed).startsWith("enc1:").doesNotContain("IBAN");
            assertThat(cipher.seal(ADA, SECRET)).as("a fresh nonce every time").isNotEqualTo(sealed);
            assertThat(cipher.open(ADA, sealed)).isEqualTo(SECRET);
            assertThat(ContentCipher.withMasterKey(database, master, clock).open(ADA, sealed))
                    .as("after a restart, with the same master key")
                    .isEqualTo(SECRET);
            assertThat(wrappedKeyset(database, ADA)).doesNotContain(SECRET);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void one_users_value_does_not_open_as_anothers(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            ContentCipher cipher = ContentCipher.withMasterKey(database, master, clock);
            String sealed = cipher.seal(ADA, SECRET);
            cipher.seal(BOB, "bob's own text");

            assertThatThrownBy(() -> cipher.open(BOB, sealed)).isInstanceOf(UnreadableContentException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_key_row_copied_to_another_user_does_not_unwrap(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            ContentCipher cipher = ContentCipher.withMasterKey(database, master, clock);
            String sealed = cipher.seal(ADA, SECRET);
            String adasKey = wrappedKeyset(database, ADA);
            database.useTransaction(tx -> tx.update(
                    "INSERT INTO user_keys (user_id, wrapped_keyset, created_at) VALUES (?, ?, ?)",
                    BOB.telegramUserId(),
                    adasKey,
                    0L));

            ContentCipher restarted = ContentCipher.withMasterKey(database, master, clock);

            assertThatThrownBy(() -> restarted.open(BOB, sealed))
                    .as("the keyset is bound to its user id")
                    .isInstanceOf(UnreadableContentException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_changed_value_does_not_open(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            ContentCipher cipher = ContentCipher.withMasterKey(database, master, clock);
            byte[] sealed = Base64.getDecoder().decode(cipher.seal(ADA, SECRET).substring("enc1:".length()));
            sealed[sealed.length - 1] ^= 1;

            assertThatThrownBy(
                            () -> cipher.open(ADA, "enc1:" + Base64.getEncoder().encodeToString(sealed)))
                    .isInstanceOf(UnreadableContentException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void erasing_the_key_makes_what_it_sealed_unreadable_for_good(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            ContentCipher cipher = ContentCipher.withMasterKey(database, master, clock);
            String sealed = cipher.seal(ADA, SECRET);
            String bobs = cipher.seal(BOB, "bob stays");

            assertThat(database.<Integer>inTransaction(tx -> cipher.erase(tx, ADA)))
                    .isOne();

            assertThatThrownBy(() -> cipher.open(ADA, sealed))
                    .isInstanceOf(UnreadableContentException.class)
                    .hasMessageContaining("erased")
                    .hasMessageNotContaining("IBAN");
            assertThatThrownBy(() ->
                            ContentCipher.withMasterKey(database, master, clock).open(ADA, sealed))
                    .as("after a restart too")
                    .isInstanceOf(UnreadableContentException.class);
            String fresh = cipher.seal(ADA, "a new start");
            assertThat(cipher.open(ADA, fresh)).isEqualTo("a new start");
            assertThatThrownBy(() -> cipher.open(ADA, sealed))
                    .as("a new key does not open the old values")
                    .isInstanceOf(UnreadableContentException.class);
            assertThat(cipher.open(BOB, bobs)).isEqualTo("bob stays");
        }
    }

    @Test
    void another_master_key_opens_nothing() {
        try (Database database = TestDatabases.sqlite(dir)) {
            String sealed = ContentCipher.withMasterKey(database, master, clock).seal(ADA, SECRET);

            ContentCipher wrongMaster = ContentCipher.withMasterKey(database, randomKey(), clock);

            assertThatThrownBy(() -> wrongMaster.open(ADA, sealed)).isInstanceOf(UnreadableContentException.class);
        }
    }

    @Test
    void plain_values_pass_through_so_encryption_can_be_turned_on_later() {
        try (Database database = TestDatabases.sqlite(dir)) {
            ContentCipher on = ContentCipher.withMasterKey(database, master, clock);
            ContentCipher off = ContentCipher.disabled();

            assertThat(on.open(ADA, "written before encryption was on")).isEqualTo("written before encryption was on");
            assertThat(off.seal(ADA, SECRET)).isEqualTo(SECRET);
            assertThat(off.open(ADA, SECRET)).isEqualTo(SECRET);
            assertThat(off.enabled()).isFalse();
            String sealed = on.seal(ADA, SECRET);
            assertThatThrownBy(() -> off.open(ADA, sealed))
                    .isInstanceOf(UnreadableContentException.class)
                    .hasMessageContaining("encryption is off");
        }
    }

    @Test
    void a_master_key_must_be_32_bytes_of_base64_and_never_shows() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);

        assertThat(MasterKey.fromBase64(key).toString()).doesNotContain(key).contains("****");
        assertThatThrownBy(() -> MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes")
                .hasMessageContaining("16");
        assertThatThrownBy(() -> MasterKey.fromBase64("not base64 at all!"))
                .hasMessageNotContaining("not base64 at all");
    }

    private static String wrappedKeyset(Database database, DataSubject subject) {
        List<String> rows = database.inTransaction(tx -> tx.query(
                "SELECT wrapped_keyset FROM user_keys WHERE user_id = ?",
                row -> row.getString("wrapped_keyset"),
                subject.telegramUserId()));
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    private static MasterKey randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return MasterKey.fromBase64(Base64.getEncoder().encodeToString(bytes));
    }
}
