package io.grokgram.console;

import io.grokgram.billing.Billing;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** The changes an operator makes on the users page: give a plan for some days (or end a grant), block or unblock. */
final class UserChanges {
    enum Kind {
        PLAN,
        BLOCK
    }

    private final Billing billing;
    private final Clock clock;

    UserChanges(Billing billing, Clock clock) {
        this.billing = Objects.requireNonNull(billing, "billing");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Applies the change; returns what the page then says (done, or why not). Bad input changes nothing. */
    String apply(Kind kind, Operators.Session session, Context ctx) {
        long user;
        try {
            user = Long.parseLong(ctx.pathParam("user"));
        } catch (NumberFormatException e) {
            return "not a Telegram user id: " + ctx.pathParam("user");
        }
        try {
            return switch (kind) {
                case PLAN -> plan(user, session, ctx.formParam("plan"), ctx.formParam("days"));
                case BLOCK -> {
                    boolean blocked = "1".equals(ctx.formParam("blocked"));
                    billing.setBlocked(user, blocked, session.operator());
                    yield blocked ? "blocked" : "unblocked";
                }
            };
        } catch (IllegalArgumentException e) {
            return "not changed: " + e.getMessage();
        }
    }

    private String plan(long user, Operators.Session session, String plan, String days) {
        if (plan == null || plan.isBlank() || plan.equals("subscription")) {
            billing.revokeGrant(user, session.operator());
            return "plan follows the subscription again";
        }
        int length;
        try {
            length = Integer.parseInt(days == null ? "30" : days.strip());
        } catch (NumberFormatException e) {
            return "not changed: days must be a whole number, got " + days;
        }
        if (length < 1 || length > 3660) {
            return "not changed: days must be 1 to 3660, got " + length;
        }
        billing.grantPlan(user, plan, clock.instant().plus(Duration.ofDays(length)), session.operator());
        return "plan " + plan + " for " + length + " days";
    }
}
