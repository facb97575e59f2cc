package io.grokgram.console;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an operator may open. Everyone sees the overview (counts, no people); finance sees money, privacy sees consents,
 * requests and the audit log (pseudonyms only), support sees users by Telegram id to help them; the owner sees all.
 */
public enum OperatorRole {
    OWNER(EnumSet.allOf(ConsolePage.class)),
    FINANCE(EnumSet.of(ConsolePage.OVERVIEW, ConsolePage.REVENUE)),
    PRIVACY(EnumSet.of(ConsolePage.OVERVIEW, ConsolePage.PRIVACY)),
    SUPPORT(EnumSet.of(ConsolePage.OVERVIEW, ConsolePage.USERS));

    private final Set<ConsolePage> pages;

    OperatorRole(Set<ConsolePage> pages) {
        this.pages = pages;
    }

    public boolean mayOpen(ConsolePage page) {
        return pages.contains(page);
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code owner}, {@code finance}, {@code privacy} or {@code support}, any case. */
    public static Optional<OperatorRole> parse(String word) {
        for (OperatorRole role : values()) {
            if (role.word().equalsIgnoreCase(word.strip())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
