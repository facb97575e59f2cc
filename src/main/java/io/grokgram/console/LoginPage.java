package io.grokgram.console;

import java.util.Optional;

/** The sign-in page: the one-time link always works; the Telegram Login Widget where a public URL is set. */
final class LoginPage {
    private LoginPage() {}

    static String render(Optional<String> publicUrl, String botUsername) {
        StringBuilder body = new StringBuilder("<main class=\"login\"><h1>Grokgram console</h1>");
        body.append(
                "<p>Run <code>grokgram admin link</code> on the server: it prints a sign-in link that works once.</p>");
        // the widget needs Telegram's script and an https domain registered with BotFather
        publicUrl
                .filter(url -> url.startsWith("https://"))
                .ifPresent(url -> body.append("<p>Or sign in with Telegram (operators only):</p>")
                        .append(
                                "<script async src=\"https://telegram.org/js/telegram-widget.js?22\" data-telegram-login=\"")
                        .append(ConsoleHtml.escape(botUsername))
                        .append("\" data-size=\"large\" data-auth-url=\"")
                        .append(ConsoleHtml.escape(url.replaceAll("/+$", "") + "/admin/login/telegram"))
                        .append("\"></script>"));
        return body.append("</main>").toString();
    }

    static String refused() {
        return "<main class=\"login\"><h1>Sign-in refused</h1><p>The link is unknown, used or expired, or the Telegram"
                + " sign-in was not valid for an operator. Run <code>grokgram admin link</code> for a new link.</p>"
                + "</main>";
    }
}
