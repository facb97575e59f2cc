package io.grokgram.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundles as shipped: every language has every English key and no other, the same placeholders, plurals that fit
 * the language, and no English key is dead; and the checker catches each kind of broken translation.
 */
class BundlesTest {
    private static final List<String> LANGUAGES =
            List.of("en", "ar", "de", "es", "fa", "hi", "id", "pt-BR", "ru", "tr", "uk");
    private final Texts texts = new Texts(Locale.ENGLISH);

    @Test
    void the_eleven_languages_are_found_on_the_classpath() {
        assertThat(texts.languages()).extracting(Language::tag).containsExactlyElementsOf(LANGUAGES);
    }

    @Test
    void every_bundle_has_every_key_the_same_placeholders_and_valid_plurals() {
        List<TextsCheck.Problem> problems = TextsCheck.check(all(Bundles.builtIn()), KeyUsage.ofClasspath());

        // a failure lists what to translate, one line per key and language
        assertThat(problems)
                .as("`grokgram i18n check --todo` prints the texts to translate; the problems:\n"
                        + problems.stream().map(TextsCheck.Problem::describe).collect(Collectors.joining("\n")))
                .isEmpty();
    }

    @Test
    void the_check_reports_each_kind_of_broken_translation() {
        Map<Language, Map<String, String>> bundles = new LinkedHashMap<>();
        bundles.put(
                Language.ENGLISH,
                Map.of(
                        "a.count", "{0, plural, one {# day} other {# days}}",
                        "b.name", "Hi {0}, from {1}",
                        "c.plain", "Plain",
                        "d.dead", "No code uses this"));
        Map<String, String> russian = new HashMap<>();
        russian.put("a.count", "{0, plural, one {# день} other {# дня}}"); // lacks few and many
        russian.put("b.name", "Привет, {0}"); // lost {1}
        russian.put("x.extra", "Лишний"); // not in English; and c.plain is missing
        bundles.put(new Language("ru"), russian);
        bundles.put(
                new Language("de"),
                Map.of(
                        "a.count", "{0, plural, one {# Tag} few {# Tage} other {# Tage}}", // German has no few
                        "b.name", "Hallo {0, von {1}", // unparsable
                        "c.plain", "Schlicht",
                        "d.dead", "Tot"));

        List<TextsCheck.Problem> problems = TextsCheck.check(bundles, key -> !key.equals("d.dead"));

        assertThat(problems)
                .extracting(TextsCheck.Problem::describe)
                .containsExactlyInAnyOrder(
                        "ru: missing key c.plain",
                        "ru: missing key d.dead",
                        "ru: a.count plural {0}: lacks the categories [few, many] this language needs for whole"
                                + " numbers",
                        "ru: b.name has placeholders [{0}], English has [{0}, {1}]",
                        "ru: key x.extra is not in the English bundle",
                        "de: a.count plural {0}: category 'few' does not exist in this language (it has [one,"
                                + " other])",
                        "de: b.name is not valid ICU MessageFormat: " + unparsableReason("Hallo {0, von {1}"),
                        "en: key d.dead is used by no code");
    }

    @Test
    void a_shipped_bundle_with_one_broken_text_fails_the_check() {
        Map<Language, Map<String, String>> bundles = all(Bundles.builtIn());
        Map<String, String> arabic = new HashMap<>(bundles.get(new Language("ar")));
        arabic.put("subscribe.pack", "{0, plural, one {سؤال إضافي واحد} other {# سؤال إضافي}} — {1} ⭐");
        arabic.remove("language.saved");
        bundles.put(new Language("ar"), arabic);

        assertThat(TextsCheck.check(bundles, KeyUsage.ofClasspath()))
                .extracting(TextsCheck.Problem::describe)
                .containsExactlyInAnyOrder(
                        "ar: missing key language.saved",
                        "ar: subscribe.pack plural {0}: lacks the categories [few, many, two, zero] this language"
                                + " needs for whole numbers");
    }

    @Test
    void counts_take_each_languages_plural_forms() {
        Language russian = new Language("ru");
        assertThat(List.of(1, 3, 5, 21, 22, 11).stream()
                        .map(n -> texts.text(russian, "invoice.pack.title", n))
                        .toList())
                .containsExactly(
                        "1 доп. запрос",
                        "3 доп. запроса",
                        "5 доп. запросов",
                        "21 доп. запрос",
                        "22 доп. запроса",
                        "11 доп. запросов");
        Language arabic = new Language("ar");
        assertThat(List.of(1, 2, 3, 11, 100).stream()
                        .map(n -> texts.text(arabic, "invoice.pack.title", n))
                        .toList())
                .containsExactly(
                        "سؤال إضافي واحد", "سؤالان إضافيان", "3 أسئلة إضافية", "11 سؤالًا إضافيًا", "100 سؤال إضافي");
        assertThat(texts.text(Language.ENGLISH, "invoice.pack.title", 1)).isEqualTo("1 extra turn");
        assertThat(texts.text(Language.ENGLISH, "invoice.pack.title", 1500)).isEqualTo("1,500 extra turns");
        assertThat(texts.text(new Language("de"), "invoice.pack.title", 1500)).isEqualTo("1.500 Extra-Anfragen");
    }

    @Test
    void a_kept_period_of_zero_days_reads_as_kept_until_erased() {
        assertThat(texts.text(Language.ENGLISH, "privacy.kept", 0)).contains("kept until you erase it");
        assertThat(texts.text(Language.ENGLISH, "privacy.kept", 1)).contains("deleted after 1 day;");
        assertThat(texts.text(new Language("uk"), "privacy.kept", 30)).contains("через 30 днів");
    }

    @Test
    void telegram_language_codes_fall_back_to_the_closest_bundle() {
        assertThat(texts.closest("pt-br")).isEqualTo(new Language("pt-BR"));
        assertThat(texts.closest("pt")).isEqualTo(new Language("pt-BR"));
        assertThat(texts.closest("uk-UA")).isEqualTo(new Language("uk"));
        assertThat(texts.closest("ru")).isEqualTo(new Language("ru"));
        assertThat(texts.closest("en-GB")).isEqualTo(Language.ENGLISH);
        assertThat(texts.closest("zh-hans")).isEqualTo(Language.ENGLISH);
        assertThat(texts.closest("")).isEqualTo(Language.ENGLISH);
        assertThat(new Language("pt-BR").telegramCode()).isEqualTo("pt");
    }

    @Test
    void texts_speak_the_language_of_the_scope_they_run_in() {
        String[] seen = new String[2];
        texts.run(new Language("es"), () -> seen[0] = texts.text("forget.no"));
        seen[1] = texts.text("forget.no");
        assertThat(seen).containsExactly("Cancelar", "Cancel");
    }

    @Test
    void right_to_left_texts_isolate_commands_and_usernames() {
        String arabic = texts.text(new Language("ar"), "consent.needed.guest.text", "grokgram_bot");
        assertThat(arabic).contains("\u2068@grokgram_bot\u2069");
        String persian = texts.text(new Language("fa"), "command.unknown", "foo");
        assertThat(persian).contains("\u2068/foo\u2069").contains("\u2068/help\u2069");
        assertThat(texts.text(new Language("de"), "command.unknown", "foo")).doesNotContain("\u2068");
    }

    @Test
    void an_operator_adds_a_language_by_dropping_one_file(@TempDir Path dir) throws IOException {
        StringBuilder french = new StringBuilder();
        Bundles.builtIn()
                .texts(Language.ENGLISH)
                .forEach((key, text) -> french.append(key)
                        .append('=')
                        .append(text.replace("\n", "\\n"))
                        .append('\n'));
        french.append("forget.no=Annuler\nlanguage.name=Français\n");
        Files.writeString(dir.resolve("messages_fr.properties"), french, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("notes.txt"), "not a bundle", StandardCharsets.UTF_8);

        Texts withFrench = new Texts(Bundles.load(Optional.of(dir)), Locale.ENGLISH);

        assertThat(withFrench.languages()).contains(new Language("fr"));
        assertThat(withFrench.closest("fr-CA")).isEqualTo(new Language("fr"));
        assertThat(withFrench.text(new Language("fr"), "forget.no")).isEqualTo("Annuler");
        assertThat(withFrench.text(new Language("fr"), "language.name")).isEqualTo("Français");
    }

    @Test
    void a_key_missing_from_a_translation_shows_in_english_until_translated() {
        Map<Language, Map<String, String>> bundles = all(Bundles.builtIn());
        Map<String, String> german = new HashMap<>(bundles.get(new Language("de")));
        german.remove("forget.no");
        bundles.put(new Language("de"), german);

        Texts partial = new Texts(new Bundles(bundles), Locale.ENGLISH);

        assertThat(partial.text(new Language("de"), "forget.no")).isEqualTo("Cancel");
        assertThat(partial.text(new Language("de"), "forget.yes")).isEqualTo("Ja, alles löschen");
    }

    private static Map<Language, Map<String, String>> all(Bundles bundles) {
        Map<Language, Map<String, String>> all = new LinkedHashMap<>();
        bundles.languages().forEach(language -> all.put(language, bundles.texts(language)));
        return all;
    }

    private static String unparsableReason(String pattern) {
        try {
            new com.ibm.icu.text.MessagePattern(pattern);
            return "(parsed)";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
