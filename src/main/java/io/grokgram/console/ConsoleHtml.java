package io.grokgram.console;

import java.util.Arrays;

/**
 * The console's page frame and escaping. Pages are rendered on the server; the only script is the console's own
 * static file (no inline scripts, so the Content-Security-Policy can forbid them).
 */
final class ConsoleHtml {
    private ConsoleHtml() {}

    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole page: navigation shows only what the operator's role may open. */
    static String page(String title, Operators.Session session, ConsolePage current, String body) {
        StringBuilder nav = new StringBuilder();
        Arrays.stream(ConsolePage.values())
                .filter(session.role()::mayOpen)
                .forEach(p -> nav.append("<a href=\"")
                        .append(p.path())
                        .append('"')
                        .append(p == current ? " aria-current=\"page\"" : "")
                        .append('>')
                        .append(escape(p.title()))
                        .append("</a>"));
        return frame(
                title,
                "<header><strong>Grokgram console</strong><nav>" + nav + "</nav><span class=\"who\">"
                        + escape(session.operator()) + " (" + session.role().word() + ")</span>"
                        + "<form method=\"post\" action=\"/admin/logout\">" + csrfField(session)
                        + "<button type=\"submit\">Sign out</button></form></header><main><h1>" + escape(title)
                        + "</h1>" + body + "</main>");
    }

    static String frame(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " · Grokgram</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<link rel=\"stylesheet\" href=\"/admin/static/uPlot.min.css\">"
                + "<link rel=\"stylesheet\" href=\"/admin/static/console.css\">"
                + "<script src=\"/admin/static/uPlot.iife.min.js\" defer></script>"
                + "<script src=\"/admin/static/console.js\" defer></script></head><body>" + body + "</body></html>";
    }

    static String csrfField(Operators.Session session) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(session.csrf()) + "\">";
    }
}
