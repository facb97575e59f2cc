package io.grokgram.assistant;

import com.ibm.icu.util.ULocale;
import java.util.Locale;
import java.util.Objects;

/**
 * A language the bot speaks: one bundle {@code i18n/messages_<suffix>.properties}. {@code tag} is the BCP 47 tag
 * ({@code en}, {@code pt-BR}) stored in the database and used in callbacks; {@code telegramCode} is what Telegram's
 * {@code language_code} parameters accept (two letters, ISO 639-1), so pt-BR registers its menu under {@code pt}.
 */
public record Language(String tag) {
    public static final Language ENGLISH = new Language("en");

    public Language {
        Objects.requireNonNull(tag, "tag");
        if (!tag.matches("[a-z]{2,3}(-[A-Z]{2})?")) {
            throw new IllegalArgumentException(
                    "a language tag is a two- or three-letter language with an optional region (pt-BR), got " + tag);
        }
    }

    /** The language of a bundle file name's suffix ({@code pt_BR}, {@code ru}); the English base file has none. */
    static Language ofSuffix(String suffix) {
        return new Language(suffix.isEmpty() ? "en" : suffix.replace('_', '-'));
    }

    /** The bundle file's suffix: empty for English (the base file), else the tag with an underscore. */
    String suffix() {
        return equals(ENGLISH) ? "" : tag.replace('-', '_');
    }

    public String telegramCode() {
        return tag.substring(0, tag.indexOf('-') < 0 ? tag.length() : tag.indexOf('-'));
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }

    ULocale uLocale() {
        return ULocale.forLanguageTag(tag);
    }

    /** Whether the script runs right to left (Arabic, Persian, Hebrew, Urdu...): its texts isolate embedded LTR runs. */
    public boolean rightToLeft() {
        return uLocale().isRightToLeft();
    }

    @Override
    public String toString() {
        return tag;
    }
}
