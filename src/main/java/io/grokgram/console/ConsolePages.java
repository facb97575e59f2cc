package io.grokgram.console;

import static io.grokgram.console.ConsoleHtml.escape;

import io.grokgram.assistant.TurnStatistics;
import io.grokgram.billing.Account;
import io.grokgram.billing.BillingReport;
import io.grokgram.billing.Plan;
import io.grokgram.billing.SettlementStatement;
import io.grokgram.billing.SubscriptionFigures;
import io.grokgram.privacy.AuditEntry;
import io.grokgram.privacy.Consents;
import io.grokgram.privacy.DataRights;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The body of each console page, rendered from the rooms' read APIs. Figures only; Telegram ids on the users page. */
final class ConsolePages {
    private static final int MONTHS = 6;

    private final ConsoleRooms rooms;
    private final Clock clock;

    ConsolePages(ConsoleRooms rooms, Clock clock) {
        this.rooms = rooms;
        this.clock = clock;
    }

    /** What the overview's charts draw (fetched by console.js): x values are Unix seconds. */
    record Series(List<Long> t, Map<String, List<Number>> values) {}

    record OverviewData(
            Series hours, Series days, List<TurnStatistics.ModelFigures> models, Map<String, Double> telegram) {}

    OverviewData overviewData() {
        Instant now = clock.instant();
        TurnStatistics.Overview hours = rooms.turns().overview(now.minus(Duration.ofHours(48)), now);
        TurnStatistics.Overview days = rooms.turns().overview(now.minus(Duration.ofDays(30)), now);
        Map<String, List<Number>> hourly = new TreeMap<>();
        List<Long> hourTimes = new ArrayList<>();
        for (TurnStatistics.Period p : hours.hours()) {
            hourTimes.add(p.start().getEpochSecond());
            hourly.computeIfAbsent("turns", k -> new ArrayList<>()).add(p.turns());
            hourly.computeIfAbsent("p50", k -> new ArrayList<>()).add(p.p50TurnMs());
            hourly.computeIfAbsent("p99", k -> new ArrayList<>()).add(p.p99TurnMs());
            hourly.computeIfAbsent("firstToken", k -> new ArrayList<>()).add(p.p50FirstTokenMs());
            hourly.computeIfAbsent("firstVisible50", k -> new ArrayList<>()).add(p.p50FirstVisibleMs());
            hourly.computeIfAbsent("firstVisible99", k -> new ArrayList<>()).add(p.p99FirstVisibleMs());
        }
        Map<String, List<Number>> daily = new TreeMap<>();
        List<Long> dayTimes = new ArrayList<>();
        for (TurnStatistics.Period p : days.days()) {
            dayTimes.add(p.start().getEpochSecond());
            daily.computeIfAbsent("turns", k -> new ArrayList<>()).add(p.turns());
            daily.computeIfAbsent("users", k -> new ArrayList<>()).add(p.activeUsers());
        }
        return new OverviewData(
                new Series(hourTimes, hourly),
                new Series(dayTimes, daily),
                days.models(),
                new TreeMap<>(rooms.telegramCalls().get()));
    }

    String overview() {
        Instant now = clock.instant();
        TurnStatistics.Overview day = rooms.turns().overview(now.minus(Duration.ofDays(1)), now);
        TurnStatistics.Overview month = rooms.turns().overview(now.minus(Duration.ofDays(30)), now);
        Map<String, Double> calls = rooms.telegramCalls().get();
        double total = calls.values().stream().mapToDouble(Double::doubleValue).sum();
        double limited = calls.getOrDefault("rate_limited", 0.0);
        double failed = total - calls.getOrDefault("ok", 0.0);
        StringBuilder out = new StringBuilder("<section class=\"figures\">");
        figure(out, "Turns, last 24 h", day.turns());
        figure(out, "Active users, last 24 h", day.activeUsers());
        figure(out, "Active users, last 30 days", month.activeUsers());
        figure(out, "Answer latency p50 / p99", day.p50TurnMs() + " / " + day.p99TurnMs() + " ms");
        figure(out, "First visible text p50 / p99", day.p50FirstVisibleMs() + " / " + day.p99FirstVisibleMs() + " ms");
        figure(out, "Provider first token p50 / p99", day.p50FirstTokenMs() + " / " + day.p99FirstTokenMs() + " ms");
        figure(out, "Prompt cache share", percent(day.cacheShare()));
        figure(out, "Telegram 429s (since start)", (long) limited);
        figure(out, "Telegram errors (since start)", (long) failed);
        out.append("</section>");
        out.append("<section class=\"charts\">");
        chart(out, "turns-hour", "Turns per hour (48 h)");
        chart(out, "turns-day", "Turns and active users per day (30 days)");
        chart(out, "latency", "Answer latency p50 / p99 per hour, ms");
        chart(
                out,
                "first-visible",
                "Time to first visible text (draft, preview or answer) from the turn's start, p50 / p99 per hour, ms");
        chart(out, "first-token", "Time to the provider's first token, p50 per hour, ms");
        chart(out, "tokens", "Provider tokens per model (30 days): prompt, cached, completion");
        out.append("</section>");
        out.append(
                "<h2>Provider tokens and cost per model, last 30 days</h2><table id=\"models\"><thead><tr><th>model</th>"
                        + "<th>turns</th><th>prompt</th><th>cached</th><th>completion</th><th>cache share</th>"
                        + "<th>cost USD</th></tr></thead><tbody>");
        for (TurnStatistics.ModelFigures m : month.models()) {
            out.append("<tr><td>")
                    .append(escape(m.model()))
                    .append("</td><td>")
                    .append(m.turns())
                    .append("</td><td>")
                    .append(m.promptTokens())
                    .append("</td><td>")
                    .append(m.cachedTokens())
                    .append("</td><td>")
                    .append(m.completionTokens())
                    .append("</td><td>")
                    .append(percent(m.promptTokens() == 0 ? 0 : (double) m.cachedTokens() / m.promptTokens()))
                    .append("</td><td>")
                    .append(dollars(m.costNanoUsd()))
                    .append("</td></tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    String revenue() {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        StringBuilder out = new StringBuilder("<h2>Settlements per month (Stars)</h2><table><thead><tr><th>month</th>"
                + "<th>receipts</th><th>refunds</th><th>net</th><th>provider share</th><th>platform share</th>"
                + "<th>statement</th></tr></thead><tbody>");
        for (int back = 0; back < MONTHS; back++) {
            YearMonth month = now.minusMonths(back);
            SettlementStatement s = rooms.billing().settle(month);
            out.append("<tr><td>")
                    .append(month)
                    .append("</td><td>")
                    .append(s.receiptStars())
                    .append(" (")
                    .append(s.receiptCount())
                    .append(")</td><td>")
                    .append(s.refundStars())
                    .append(" (")
                    .append(s.refundCount())
                    .append(")</td><td>")
                    .append(s.netStars())
                    .append("</td><td>")
                    .append(s.providerShareStars())
                    .append("</td><td>")
                    .append(s.platformShareStars())
                    .append("</td><td><a class=\"download\" href=\"/admin/revenue/")
                    .append(s.fileStem())
                    .append(".csv\" download>CSV</a> · <a href=\"/admin/revenue/")
                    .append(s.fileStem())
                    .append(".txt\" download>summary</a></td></tr>");
        }
        out.append("</tbody></table>");
        SubscriptionFigures subs = rooms.billing().subscriptionFigures(now);
        out.append("<h2>Subscriptions</h2><section class=\"figures\">");
        figure(out, "Active now", subs.active());
        figure(out, "New in " + now, subs.started());
        figure(out, "Cancelled in " + now, subs.cancelled());
        out.append("</section>");
        BillingReport report = rooms.billing().report(now);
        out.append("<h2>Does each plan earn more than it costs? (")
                .append(now)
                .append(")</h2><table><thead><tr><th>plan</th><th>kind</th><th>users</th><th>turns</th>"
                        + "<th>net Stars</th><th>provider cost USD</th><th>margin USD</th></tr></thead><tbody>");
        for (BillingReport.Row row : report.rows()) {
            BigDecimal margin = report.marginUsd(row);
            out.append("<tr class=\"")
                    .append(margin.signum() >= 0 ? "earns" : "loses")
                    .append("\"><td>")
                    .append(escape(row.id()))
                    .append("</td><td>")
                    .append(escape(row.kind()))
                    .append("</td><td>")
                    .append(row.users())
                    .append("</td><td>")
                    .append(row.turns())
                    .append("</td><td>")
                    .append(row.netStars())
                    .append("</td><td>")
                    .append(dollars(row.providerCostNanoUsd()))
                    .append("</td><td>")
                    .append(margin.setScale(4, RoundingMode.HALF_EVEN).toPlainString())
                    .append("</td></tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    String privacy(String pseudonym, String from, String to) {
        StringBuilder out = new StringBuilder("<h2>Consents by policy version</h2><table><thead><tr><th>version</th>"
                + "<th>consent</th><th>in force</th><th>withdrawn</th></tr></thead><tbody>");
        for (Consents.ConsentTally tally : rooms.consents().tally()) {
            out.append("<tr><td>")
                    .append(tally.policyVersion())
                    .append(tally.policyVersion() == rooms.consents().policyVersion() ? " (current)" : "")
                    .append("</td><td>")
                    .append(tally.kind().name().toLowerCase(Locale.ROOT))
                    .append("</td><td>")
                    .append(tally.granted())
                    .append("</td><td>")
                    .append(tally.withdrawn())
                    .append("</td></tr>");
        }
        out.append("</tbody></table><h2>Export and erasure requests</h2><table><thead><tr><th>requested</th>"
                + "<th>kind</th><th>pseudonym</th><th>status</th><th>finished</th></tr></thead><tbody>");
        for (DataRights.DataRequest request : rooms.rights().requests(50)) {
            out.append("<tr><td>")
                    .append(request.requestedAt())
                    .append("</td><td>")
                    .append(escape(request.kind()))
                    .append("</td><td><code>")
                    .append(escape(request.pseudonym()))
                    .append("</code></td><td>")
                    .append(escape(request.status()))
                    .append("</td><td>")
                    .append(request.finishedAt().map(Instant::toString).orElse("—"))
                    .append("</td></tr>");
        }
        out.append("</tbody></table>");
        Instant now = clock.instant();
        Instant since = day(from).orElse(now.minus(Duration.ofDays(7)));
        Instant until = day(to).map(d -> d.plus(Duration.ofDays(1))).orElse(now.plusSeconds(1));
        Optional<String> who = Optional.ofNullable(pseudonym).map(String::strip).filter(p -> !p.isEmpty());
        out.append("<h2>Audit log</h2><form method=\"get\" action=\"/admin/privacy\" class=\"search\">"
                        + "<label>Pseudonym <input name=\"pseudonym\" value=\"")
                .append(escape(who.orElse("")))
                .append("\"></label><label>From <input type=\"date\" name=\"from\" value=\"")
                .append(escape(Optional.ofNullable(from).orElse("")))
                .append("\"></label><label>To <input type=\"date\" name=\"to\" value=\"")
                .append(escape(Optional.ofNullable(to).orElse("")))
                .append("\"></label><button type=\"submit\">Search</button></form>");
        out.append("<table id=\"audit\"><thead><tr><th>sent</th><th>pseudonym</th><th>purpose</th><th>provider</th>"
                + "<th>model</th><th>messages</th><th>bytes</th><th>outcome</th></tr></thead><tbody>");
        for (AuditEntry entry : rooms.audit().search(who, since, until, 200)) {
            out.append("<tr><td>")
                    .append(entry.sentAt())
                    .append("</td><td><code>")
                    .append(escape(entry.pseudonym()))
                    .append("</code></td><td>")
                    .append(entry.purpose().name().toLowerCase(Locale.ROOT))
                    .append("</td><td>")
                    .append(escape(entry.provider()))
                    .append("</td><td>")
                    .append(escape(entry.model().value()))
                    .append("</td><td>")
                    .append(entry.messages().size())
                    .append(
                            entry.withheld().isEmpty()
                                    ? ""
                                    : " (" + entry.withheld().size() + " withheld)")
                    .append("</td><td>")
                    .append(entry.payloadBytes())
                    .append("</td><td>")
                    .append(entry.outcome()
                            .map(o -> o.status().name().toLowerCase(Locale.ROOT))
                            .orElse("in flight"))
                    .append("</td></tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    String users(Operators.Session session, String user, String done) {
        StringBuilder out = new StringBuilder("<h2>Plans and limits as configured</h2><table><thead><tr><th>plan</th>"
                + "<th>title</th><th>model</th><th>turns a day</th><th>context tokens</th><th>output tokens</th>"
                + "<th>Stars / 30 days</th></tr></thead><tbody>");
        List<Plan> plans =
                List.of(rooms.billing().plans().free(), rooms.billing().plans().premium());
        for (Plan plan : plans) {
            out.append("<tr><td>")
                    .append(escape(plan.id()))
                    .append("</td><td>")
                    .append(escape(plan.title()))
                    .append("</td><td>")
                    .append(escape(plan.model()))
                    .append("</td><td>")
                    .append(plan.turnsPerDay())
                    .append("</td><td>")
                    .append(plan.contextTokens())
                    .append("</td><td>")
                    .append(plan.maxOutputTokens())
                    .append("</td><td>")
                    .append(plan.starsPer30Days())
                    .append("</td></tr>");
        }
        out.append("</tbody></table><h2>Groups</h2><table id=\"groups\"><thead><tr><th>chat id</th>"
                + "<th>assistant</th><th>who may ask</th><th>bot</th><th>requests (inbox, about a week)</th></tr></thead>"
                + "<tbody>");
        for (TurnStatistics.GroupFigures group : rooms.turns().groups(100)) {
            out.append("<tr><td>")
                    .append(group.chatId())
                    .append("</td><td>")
                    .append(group.enabled() ? "answers" : "off")
                    .append("</td><td>")
                    .append(group.adminsOnly() ? "admins" : "everyone")
                    .append("</td><td>")
                    .append(group.active() ? "member" : "removed")
                    .append("</td><td>")
                    .append(group.requests())
                    .append("</td></tr>");
        }
        out.append("</tbody></table><h2>A user</h2><form method=\"get\" action=\"/admin/users\" class=\"search\">"
                        + "<label>Telegram user id <input name=\"user\" id=\"user-id\" inputmode=\"numeric\" value=\"")
                .append(escape(Optional.ofNullable(user).orElse("")))
                .append("\"></label><button type=\"submit\">Show</button></form>");
        if (done != null && !done.isBlank()) {
            out.append("<p class=\"done\" role=\"status\">")
                    .append(escape(done))
                    .append("</p>");
        }
        long id;
        try {
            id = user == null ? 0 : Long.parseLong(user.strip());
        } catch (NumberFormatException e) {
            return out.append("<p>Not a Telegram user id.</p>").toString();
        }
        if (id <= 0) {
            return out.toString();
        }
        Account account = rooms.billing().account(id);
        out.append("<dl class=\"account\" id=\"account\"><dt>Plan</dt><dd id=\"plan\">")
                .append(escape(account.quote().plan().id()))
                .append("</dd><dt>Paid until</dt><dd>")
                .append(account.quote().expiresAt().map(Instant::toString).orElse("—"))
                .append("</dd><dt>Granted by an operator</dt><dd>")
                .append(account.grantedPlan()
                        .map(p ->
                                escape(p) + " until " + account.grantExpiresAt().orElseThrow() + " (by "
                                        + escape(account.grantedBy().orElse("")) + ")")
                        .orElse("—"))
                .append("</dd><dt>Turns today</dt><dd>")
                .append(account.usedToday())
                .append(" used, ")
                .append(account.quote().turnsLeftToday())
                .append(" left of ")
                .append(account.quote().plan().turnsPerDay())
                .append(", ")
                .append(account.quote().extraTurns())
                .append(" extra</dd><dt>Status</dt><dd id=\"status\">")
                .append(account.blocked() ? "blocked" : "active")
                .append("</dd></dl>");
        out.append("<form method=\"post\" action=\"/admin/users/")
                .append(id)
                .append("/plan\" class=\"change\">")
                .append(ConsoleHtml.csrfField(session))
                .append("<label>Plan <select name=\"plan\" id=\"plan-select\"><option value=\"subscription\">as the"
                        + " subscription says</option>");
        plans.forEach(plan -> out.append("<option value=\"")
                .append(escape(plan.id()))
                .append("\">")
                .append(escape(plan.title()))
                .append("</option>"));
        out.append("</select></label><label>for <input name=\"days\" value=\"30\" size=\"4\"> days</label>"
                        + "<button type=\"submit\" id=\"change-plan\">Change plan</button></form>")
                .append("<form method=\"post\" action=\"/admin/users/")
                .append(id)
                .append("/block\" class=\"change\">")
                .append(ConsoleHtml.csrfField(session))
                .append("<input type=\"hidden\" name=\"blocked\" value=\"")
                .append(account.blocked() ? "0" : "1")
                .append("\"><button type=\"submit\" id=\"block\">")
                .append(account.blocked() ? "Unblock" : "Block")
                .append("</button></form>");
        return out.toString();
    }

    private static Optional<Instant> day(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static void figure(StringBuilder out, String label, Object value) {
        out.append("<div class=\"figure\"><span>")
                .append(escape(label))
                .append("</span><strong>")
                .append(escape(value))
                .append("</strong></div>");
    }

    private static void chart(StringBuilder out, String id, String title) {
        out.append("<figure><figcaption>")
                .append(escape(title))
                .append("</figcaption><div class=\"chart\" id=\"chart-")
                .append(id)
                .append("\"></div></figure>");
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private static String dollars(long nanoUsd) {
        return BigDecimal.valueOf(nanoUsd, 9)
                .setScale(4, RoundingMode.HALF_EVEN)
                .toPlainString();
    }
}
