package io.grokgram.console;

/** The console's pages, each behind its own path; a role opens some of them ({@link OperatorRole#mayOpen}). */
public enum ConsolePage {
    OVERVIEW("overview", "Overview"),
    REVENUE("revenue", "Revenue"),
    PRIVACY("privacy", "Privacy"),
    USERS("users", "Users and plans");

    private final String path;
    private final String title;

    ConsolePage(String path, String title) {
        this.path = path;
        this.title = title;
    }

    String path() {
        return "/admin/" + path;
    }

    String title() {
        return title;
    }
}
