package io.grokgram.assistant;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every text the bot itself shows, from the message bundle {@code i18n/messages}, never from literals in code. English
 * now; the language issue adds bundles and plural rules.
 */
public final class Texts {
    private final ResourceBundle bundle;
    private final Locale locale;

    public Texts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("i18n.messages", locale);
    }

    /** The text for {@code key} with {@code arguments} filled in; a missing key is a bug, so it fails loudly. */
    public String text(String key, Object... arguments) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no text for key " + key + " in bundle i18n/messages", e);
        }
        return new MessageFormat(pattern, locale).format(arguments);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
