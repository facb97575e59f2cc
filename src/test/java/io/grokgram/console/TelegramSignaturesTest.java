package io.grokgram.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The two Telegram signatures, against hashes computed outside Java (Python's hmac and hashlib, from Telegram's
 * published recipes), and what is refused: another token, a changed field, a repeated field, a stale or future date.
 */
class TelegramSignaturesTest {
    private static final String TOKEN = "123456:ABC-test-token";
    private static final Instant SIGNED = Instant.ofEpochSecond(1_700_000_000L);
    private static final String USER = "{\"id\":42,\"first_name\":\"Ann\"}";
    /** hmac(hmac("WebAppData", token), "auth_date=1700000000\nquery_id=AAHtest\nuser={...}"), hex. */
    private static final String WEB_APP_HASH = "95eee0dfa0f65e17805d69f87a21473c34ff3d6ad7688c3191029bf2c59677a5";
    /** hmac(sha256(token), "auth_date=1700000000\nfirst_name=Opera\nid=42\nusername=op"), hex. */
    private static final String LOGIN_HASH = "bce4d94c11fe625d78e5363efd9fc65c39f03d2a9b1bad24568619719d584baf";

    private final TelegramSignatures signatures = new TelegramSignatures(TOKEN);

    @Test
    void init_data_signed_as_telegram_signs_it_names_its_user() {
        String initData = encode(webAppFields(WEB_APP_HASH));

        Optional<WebAppUser> user = signatures.initData(initData, Duration.ofHours(1), SIGNED.plusSeconds(60));

        assertThat(user).contains(new WebAppUser(42, "Ann"));
        assertThat(signatures.signInitData(webAppFields(""))).isEqualTo(WEB_APP_HASH);
    }

    @Test
    void init_data_forged_changed_repeated_or_stale_is_refused() {
        Instant now = SIGNED.plusSeconds(60);
        String other =
                encode(webAppFields(new TelegramSignatures("123456:another-token").signInitData(webAppFields(""))));
        String changed = encode(webAppFields(WEB_APP_HASH)).replace("%3A42", "%3A43");
        String repeated = encode(webAppFields(WEB_APP_HASH)) + "&auth_date=1700000000";

        assertThat(signatures.initData(other, Duration.ofHours(1), now)).isEmpty();
        assertThat(signatures.initData(changed, Duration.ofHours(1), now)).isEmpty();
        assertThat(signatures.initData(repeated, Duration.ofHours(1), now)).isEmpty();
        assertThat(signatures.initData(
                        encode(webAppFields(WEB_APP_HASH)), Duration.ofHours(1), SIGNED.plusSeconds(3601)))
                .isEmpty();
        assertThat(signatures.initData(
                        encode(webAppFields(WEB_APP_HASH)), Duration.ofHours(1), SIGNED.minusSeconds(600)))
                .as("signed ten minutes in the future")
                .isEmpty();
        assertThat(signatures.initData("", Duration.ofHours(1), now)).isEmpty();
        assertThat(signatures.initData("garbage", Duration.ofHours(1), now)).isEmpty();
    }

    @Test
    void the_login_widget_hash_is_keyed_by_the_sha256_of_the_token() {
        Map<String, String> fields = loginFields(LOGIN_HASH);

        assertThat(signatures.loginWidget(fields, Duration.ofMinutes(10), SIGNED.plusSeconds(5)))
                .contains(42L);
        assertThat(signatures.loginWidget(fields, Duration.ofMinutes(10), SIGNED.plusSeconds(601)))
                .isEmpty();
        assertThat(new TelegramSignatures("123456:another-token")
                        .loginWidget(fields, Duration.ofMinutes(10), SIGNED.plusSeconds(5)))
                .isEmpty();
        // a Mini App's signature is not a Login Widget's: the keys differ
        Map<String, String> asWebApp = loginFields(signatures.signInitData(loginFields("")));
        assertThat(signatures.loginWidget(asWebApp, Duration.ofMinutes(10), SIGNED.plusSeconds(5)))
                .isEmpty();
    }

    private static Map<String, String> webAppFields(String hash) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("query_id", "AAHtest");
        fields.put("user", USER);
        fields.put("auth_date", Long.toString(SIGNED.getEpochSecond()));
        if (!hash.isEmpty()) {
            fields.put("hash", hash);
        }
        return fields;
    }

    private static Map<String, String> loginFields(String hash) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", "42");
        fields.put("first_name", "Opera");
        fields.put("username", "op");
        fields.put("auth_date", Long.toString(SIGNED.getEpochSecond()));
        if (!hash.isEmpty()) {
            fields.put("hash", hash);
        }
        return fields;
    }

    private static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
