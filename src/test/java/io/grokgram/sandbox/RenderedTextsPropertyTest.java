package io.grokgram.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.ibm.icu.text.MessagePattern;
import io.grokgram.assistant.Bundles;
import io.grokgram.assistant.Language;
import io.grokgram.assistant.Texts;
import io.grokgram.telegram.Entity;
import io.grokgram.telegram.FormattedText;
import io.grokgram.telegram.TelegramMarkdown;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every text in every language, filled with generated arguments and rendered as the bot renders it, is a message the
 * emulator's Telegram checks accept unchanged: valid UTF-16, entities inside the text, within 4096 units, nothing
 * trimmed or moved. Right-to-left texts with their isolates included.
 */
class RenderedTextsPropertyTest {
    private static final Bundles BUNDLES = Bundles.builtIn();
    private static final Texts TEXTS = new Texts(BUNDLES, Locale.ENGLISH);
    private static final Map<String, String> ENGLISH = BUNDLES.texts(Language.ENGLISH);
    private static final TelegramMarkdown MARKDOWN = new TelegramMarkdown();
    /** Texts the code only ever appends to an answer; alone Telegram would trim their leading blank lines. */
    private static final List<String> SUFFIXES =
            List.of("answer.truncated", "answer.incomplete", "privacy.request.redacted");

    record Case(Language language, String key, List<Object> arguments) {}

    @Property(tries = 1500)
    void every_rendered_text_passes_telegrams_checks(@ForAll("cases") Case sample) {
        String markdown =
                TEXTS.text(sample.language(), sample.key(), sample.arguments().toArray());
        if (SUFFIXES.contains(sample.key())) {
            markdown = "Answer" + markdown;
        }
        List<FormattedText> parts = MARKDOWN.split(markdown, FormattedText.MAX_MESSAGE_LENGTH);

        assertThat(parts).isNotEmpty();
        for (FormattedText part : parts) {
            MessageText.Final accepted =
                    MessageText.finish(MessageText.parse(part.text(), "", entitiesJson(part)), false, false);
            MessageText.checkLength(accepted);
            assertThat(accepted.text()).as("Telegram keeps the text as sent").isEqualTo(part.text());
            assertThat(accepted.entities())
                    .as("every entity survives where it was put")
                    .extracting(MessageEntity::offset, MessageEntity::length)
                    .containsExactlyElementsOf(part.entities().stream()
                            .map(e -> org.assertj.core.groups.Tuple.tuple(e.offset(), e.length()))
                            .toList());
        }
    }

    @Property(tries = 300)
    void invoice_and_profile_texts_fit_telegrams_limits(
            @ForAll("languages") Language language, @ForAll("counts") int n) {
        // sendInvoice / createInvoiceLink: title 1-32, description 1-255 characters
        assertThat(TEXTS.text(language, "invoice.pack.title", n).length()).isBetween(1, 32);
        assertThat(TEXTS.text(language, "invoice.premium.title", "Premium").length())
                .isBetween(1, 32);
        assertThat(TEXTS.text(language, "invoice.pack.description", n).length()).isBetween(1, 255);
        assertThat(TEXTS.text(language, "invoice.premium.description", n).length())
                .isBetween(1, 255);
        // setMyDescription 0-512, setMyShortDescription 0-120, a command's description 1-256
        assertThat(TEXTS.text(language, "bot.description")
                        .codePointCount(
                                0, TEXTS.text(language, "bot.description").length()))
                .isBetween(1, 512);
        String shortOne = TEXTS.text(language, "bot.short_description");
        assertThat(shortOne.codePointCount(0, shortOne.length())).isBetween(1, 120);
        ENGLISH.keySet().stream()
                .filter(key -> key.startsWith("command.") && key.endsWith(".description"))
                .forEach(key -> assertThat(TEXTS.text(language, key).length()).isBetween(1, 256));
        // answerCallbackQuery's text: 0-200 characters
        for (String toast : List.of(
                "consent.toast.accepted", "privacy.training.now.on", "privacy.training.now.off", "language.saved")) {
            assertThat(TEXTS.text(language, toast).length()).isBetween(1, 200);
        }
        // answerPreCheckoutQuery's error_message: no documented limit; the bot holds it to the same 200
        for (String refusal : List.of(
                "precheckout.invalid",
                "precheckout.stars.only",
                "precheckout.expired",
                "precheckout.not.yours",
                "precheckout.offer.ended",
                "precheckout.price.changed")) {
            assertThat(TEXTS.text(language, refusal).length()).isBetween(1, 200);
        }
    }

    @Provide
    Arbitrary<Language> languages() {
        return Arbitraries.of(TEXTS.languages());
    }

    @Provide
    Arbitrary<Integer> counts() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 120), Arbitraries.integers().between(0, 5_000_000));
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(languages(), Arbitraries.of(new ArrayList<>(new TreeSet<>(ENGLISH.keySet()))))
                .flatAs((language, key) -> arguments(ENGLISH.get(key)).map(args -> new Case(language, key, args)));
    }

    /** Arguments for a pattern: counts where it takes a plural, words (any script, emoji) elsewhere. */
    private Arbitrary<List<Object>> arguments(String pattern) {
        MessagePattern parsed = new MessagePattern(pattern);
        int highest = -1;
        List<Integer> plurals = new ArrayList<>();
        for (int i = 0; i < parsed.countParts(); i++) {
            MessagePattern.Part part = parsed.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_NUMBER) {
                highest = Math.max(highest, part.getValue());
                if (parsed.getPart(i - 1).getArgType() == MessagePattern.ArgType.PLURAL) {
                    plurals.add(part.getValue());
                }
            }
        }
        List<Arbitrary<Object>> each = new ArrayList<>();
        for (int index = 0; index <= highest; index++) {
            each.add(plurals.contains(index) ? counts().map(n -> (Object) n) : words().map(w -> (Object) w));
        }
        return each.isEmpty()
                ? Arbitraries.just(List.of())
                : Combinators.combine(each).as(List::copyOf);
    }

    private static Arbitrary<String> words() {
        // whole code points: an emoji is a surrogate pair, never half of one
        return Arbitraries.of("a", "Z", "0", "7", " ", "Ж", "я", "ا", "س", "ف", "ی", "ह", "ि", "ç", "ğ", "😀", "⭐", "‍")
                .list()
                .ofMinSize(1)
                .ofMaxSize(30)
                .map(pieces -> String.join("", pieces).strip())
                .filter(word -> !word.isEmpty());
    }

    private static String entitiesJson(FormattedText part) {
        ArrayNode array = Json.array();
        for (Entity entity : part.entities()) {
            var node = array.addObject()
                    .put("type", entity.type().wireName())
                    .put("offset", entity.offset())
                    .put("length", entity.length());
            entity.url().ifPresent(url -> node.put("url", url));
            entity.language().ifPresent(language -> node.put("language", language));
        }
        return Json.write(array);
    }
}
