package io.grokgram.assistant;

import com.ibm.icu.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every text the bot itself shows, from the message bundles (see {@link Bundles}), never from literals in code.
 * Patterns are ICU MessageFormat, so counts take each language's plural forms ({@code {0, plural, one {# turn} other {#
 * turns}}}) and numbers its digits and separators.
 *
 * <p>The language is the turn's: whoever handles an update runs it inside {@link #run(Language, Runnable)}, and every
 * {@link #text(String, Object...)} on that thread speaks that language (a scoped value, like the rest of the per-turn
 * context); outside a turn it is the default. A key a translation lacks falls back to English, so a key added in
 * English alone (before its translators caught up) still shows something; {@code grokgram i18n check} lists it.
 */
public final class Texts {
    /** First strong isolate … pop directional isolate: an LTR run inside RTL text keeps its own direction. */
    private static final char FSI = '\u2068';

    private static final char PDI = '\u2069';
    /** Commands and usernames ({@code /privacy}, {@code @bot}): their leading symbol jumps sides in RTL text. */
    private static final Pattern LTR_TOKEN =
            Pattern.compile("(?<![\\w\\u2068/@])([/@][A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?)");

    private static final ScopedValue<Language> CURRENT = ScopedValue.newInstance();

    private final Bundles bundles;
    private final Language fallback;

    /** The built-in bundles, speaking the closest one to {@code locale} outside a turn. */
    public Texts(Locale locale) {
        this(Bundles.builtIn(), locale);
    }

    public Texts(Bundles bundles, Locale locale) {
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.fallback = closest(locale.toLanguageTag());
    }

    /** The text for {@code key} in the current language with {@code arguments} filled in. */
    public String text(String key, Object... arguments) {
        return text(current(), key, arguments);
    }

    /** The text for {@code key} in {@code language}; a key missing from English too is a bug, so it fails loudly. */
    public String text(Language language, String key, Object... arguments) {
        Language speaking = bundles.all().containsKey(language) ? language : Language.ENGLISH;
        Optional<String> pattern = bundles.pattern(speaking, key);
        if (pattern.isEmpty()) {
            speaking = Language.ENGLISH;
            pattern = bundles.pattern(Language.ENGLISH, key);
        }
        String text = new MessageFormat(
                        pattern.orElseThrow(
                                () -> new IllegalStateException("no text for key " + key + " in bundle i18n/messages")),
                        speaking.uLocale())
                .format(arguments);
        return speaking.rightToLeft() ? isolate(text) : text;
    }

    public boolean has(String key) {
        return bundles.pattern(Language.ENGLISH, key).isPresent();
    }

    /** The language texts are in on this thread now: the turn's, or the default outside one. */
    public Language current() {
        return CURRENT.isBound() ? CURRENT.get() : fallback;
    }

    /** Runs {@code work} with every text in {@code language}. */
    public void run(Language language, Runnable work) {
        ScopedValue.where(CURRENT, language).run(work);
    }

    /** The languages there are bundles for, English first. */
    public List<Language> languages() {
        return bundles.languages();
    }

    /**
     * The bundle closest to a Telegram {@code language_code} (an IETF tag such as {@code pt-br}, {@code uk-UA},
     * {@code en}): the same language and region, else the same language (pt → pt-BR), else English.
     */
    public Language closest(String code) {
        Locale asked = Locale.forLanguageTag(code.strip().replace('_', '-'));
        String language = asked.getLanguage();
        if (language.isEmpty()) {
            return Language.ENGLISH;
        }
        List<Language> known = languages();
        String region = asked.getCountry();
        for (Language candidate : known) {
            Locale locale = candidate.locale();
            if (locale.getLanguage().equals(language) && locale.getCountry().equals(region)) {
                return candidate;
            }
        }
        for (Language candidate : known) {
            if (candidate.locale().getLanguage().equals(language)) {
                return candidate;
            }
        }
        return Language.ENGLISH;
    }

    /** Wraps commands and usernames in RTL text in isolates; the UTF-16 offsets are computed after this. */
    static String isolate(String text) {
        return LTR_TOKEN.matcher(text).replaceAll(FSI + "$1" + PDI);
    }
}
