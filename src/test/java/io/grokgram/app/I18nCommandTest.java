package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code grokgram i18n check}: a summary per language, one line per problem, exit status 1 when there is one. */
class I18nCommandTest {

    @Test
    void the_shipped_bundles_pass_with_a_line_per_language() {
        String out = ConsoleCapture.out(
                () -> assertThat(Main.execute("i18n", "check")).isZero());

        System.out.println(out); // the check's output, for the record
        assertThat(out.lines().filter(line -> line.endsWith(" ok"))).hasSize(11);
        assertThat(out).contains("ru     Русский").contains("11 languages, ").endsWith("0 problem(s)\n");
    }

    @Test
    void a_broken_translation_dropped_in_a_directory_fails_the_check_and_says_what_is_wrong(@TempDir Path dir)
            throws IOException {
        String russian;
        try (InputStream in = I18nCommandTest.class.getResourceAsStream("/i18n/messages_ru.properties")) {
            russian = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String broken = russian.replace("\nforget.no=Отмена\n", "\n")
                .replace(
                        "subscribe.button=Подписаться на {0} — {1} ⭐ / 30 дней",
                        "subscribe.button=Подписаться на {0} — ⭐ / 30 дней")
                .replace("few {# доп. запроса} ", "");
        Files.writeString(dir.resolve("messages_ru.properties"), broken, StandardCharsets.UTF_8);

        String out = ConsoleCapture.out(() -> assertThat(Main.execute("i18n", "check", "--dir", dir.toString()))
                .isEqualTo(1));

        assertThat(out)
                // one key fewer than English, which grows as features add texts
                .containsPattern("ru     Русский              \\d+ keys  4 problem")
                .contains("  ru: missing key forget.no")
                .contains("  ru: subscribe.button has placeholders [{0}], English has [{0}, {1}]")
                .contains("  ru: subscribe.pack plural {0}: lacks the categories [few]")
                .contains("  ru: invoice.pack.title plural {0}: lacks the categories [few]");
        assertThat(out.lines().filter(line -> line.startsWith("  ")))
                .as("nothing but the problems made")
                .hasSize(4);

        String todo = ConsoleCapture.out(() -> Main.execute("i18n", "check", "--dir", dir.toString(), "--todo"));
        assertThat(todo).endsWith("\n# messages_ru.properties\nforget.no=Cancel\n");
    }
}
