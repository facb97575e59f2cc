package io.grokgram.console;

import io.grokgram.web.HttpModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator console at {@code /admin}. Every page checks the session cookie and the role; every change (a POST)
 * must carry the session's CSRF token or gets 403. Every answer carries security headers: a Content-Security-Policy
 * without inline scripts and with {@code frame-ancestors 'none'}, {@code nosniff}, no referrer, no caching.
 *
 * <p>Sign-in: a one-time link from {@code grokgram admin link} ({@code /admin/login?token=…}), or, where a public URL is
 * set, the Telegram Login Widget for the Telegram ids configured as operators.
 */
public final class ConsoleModule implements HttpModule {
    static final String COOKIE = "grokgram_console";
    private static final Logger log = LoggerFactory.getLogger(ConsoleModule.class);
    private static final Pattern SETTLEMENT = Pattern.compile("settlement-(\\d{4}-\\d{2})\\.(csv|txt)");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final String LOGIN_CSP = "default-src 'none'; script-src 'self' https://telegram.org;"
            + " style-src 'self'; img-src 'self' data: https://t.me https://telegram.org; frame-src"
            + " https://oauth.telegram.org; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> STATIC = Map.of(
            "console.js", "io/grokgram/console/console.js",
            "console.css", "io/grokgram/console/console.css",
            "uPlot.iife.min.js", "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
            "uPlot.min.css", "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.min.css");

    private final Operators operators;
    private final TelegramSignatures signatures;
    private final ConsoleSettings settings;
    private final Supplier<Optional<ConsoleRooms>> rooms;
    private final Supplier<String> botUsername;
    private final Clock clock;
    private final Map<String, byte[]> files = new HashMap<>();

    public ConsoleModule(
            Operators operators,
            TelegramSignatures signatures,
            ConsoleSettings settings,
            Supplier<Optional<ConsoleRooms>> rooms,
            Supplier<String> botUsername,
            Clock clock) {
        this.operators = Objects.requireNonNull(operators, "operators");
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rooms = Objects.requireNonNull(rooms, "rooms");
        this.botUsername = Objects.requireNonNull(botUsername, "botUsername");
        this.clock = Objects.requireNonNull(clock, "clock");
        STATIC.forEach((name, resource) -> files.put(name, resource(resource)));
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.before("/admin", this::headers);
        routes.before("/admin/*", this::headers);
        routes.get("/admin", ctx -> ctx.redirect(ConsolePage.OVERVIEW.path()));
        routes.get("/admin/login", this::login);
        routes.get("/admin/login/telegram", this::loginWidget);
        routes.post("/admin/logout", this::logout);
        routes.get("/admin/static/{file}", this::staticFile);
        routes.get("/admin/overview", ctx -> page(ctx, ConsolePage.OVERVIEW));
        routes.get("/admin/overview.json", this::overviewData);
        routes.get("/admin/revenue", ctx -> page(ctx, ConsolePage.REVENUE));
        routes.get("/admin/revenue/{file}", this::settlement);
        routes.get("/admin/privacy", ctx -> page(ctx, ConsolePage.PRIVACY));
        routes.get("/admin/users", ctx -> page(ctx, ConsolePage.USERS));
        routes.post("/admin/users/{user}/plan", ctx -> change(ctx, UserChanges.Kind.PLAN));
        routes.post("/admin/users/{user}/block", ctx -> change(ctx, UserChanges.Kind.BLOCK));
    }

    private void headers(Context ctx) {
        ctx.header("Content-Security-Policy", ctx.path().startsWith("/admin/login") ? LOGIN_CSP : CSP);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    }

    private void login(Context ctx) {
        String token = ctx.queryParam("token");
        if (token != null) {
            Optional<Operators.Session> session = operators.redeem(token, settings.sessionLength());
            if (session.isEmpty()) {
                log.warn("console: a sign-in link was refused (unknown, used or expired) from {}", ctx.ip());
                ctx.status(401).html(ConsoleHtml.frame("Sign-in", LoginPage.refused()));
                return;
            }
            signedIn(ctx, session.get());
            return;
        }
        ctx.html(ConsoleHtml.frame("Sign-in", LoginPage.render(settings.publicUrl(), botUsername.get())));
    }

    private void loginWidget(Context ctx) {
        Map<String, String> fields = new HashMap<>();
        ctx.queryParamMap().forEach((key, values) -> fields.put(key, values.isEmpty() ? "" : values.getFirst()));
        Optional<Long> id = settings.publicUrl().isEmpty()
                ? Optional.empty()
                : signatures.loginWidget(fields, settings.loginMaxAge(), clock.instant());
        Optional<OperatorRole> role = id.map(settings.operators()::get);
        if (role.isEmpty()) {
            log.warn(
                    "console: a Telegram Login Widget sign-in was refused (bad or stale signature, or not an operator)");
            ctx.status(401).html(ConsoleHtml.frame("Sign-in", LoginPage.refused()));
            return;
        }
        signedIn(ctx, operators.open("tg:" + id.get(), role.get(), settings.sessionLength()));
    }

    private void signedIn(Context ctx, Operators.Session session) {
        log.info(
                "console: {} signed in as {}",
                session.operator(),
                session.role().word());
        ctx.header(
                "Set-Cookie",
                COOKIE + "=" + session.id() + "; Path=/admin; Max-Age="
                        + settings.sessionLength().toSeconds() + "; HttpOnly; Secure; SameSite=Strict");
        ctx.redirect(ConsolePage.OVERVIEW.path());
    }

    private void logout(Context ctx) {
        Optional<Operators.Session> session = changing(ctx);
        if (session.isEmpty()) {
            return;
        }
        operators.close(session.get());
        ctx.header("Set-Cookie", COOKIE + "=; Path=/admin; Max-Age=0; HttpOnly; Secure; SameSite=Strict");
        ctx.redirect("/admin/login");
    }

    private void staticFile(Context ctx) {
        byte[] file = files.get(ctx.pathParam("file"));
        if (file == null) {
            ctx.status(404);
            return;
        }
        String name = ctx.pathParam("file");
        ctx.contentType(name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.result(file);
    }

    private void page(Context ctx, ConsolePage page) {
        Optional<Operators.Session> session = allowed(ctx, page);
        Optional<ConsoleRooms> ready = session.flatMap(s -> ready(ctx));
        if (ready.isEmpty()) {
            return;
        }
        ConsolePages pages = new ConsolePages(ready.get(), clock);
        String body = switch (page) {
            case OVERVIEW -> pages.overview();
            case REVENUE -> pages.revenue();
            case PRIVACY -> pages.privacy(ctx.queryParam("pseudonym"), ctx.queryParam("from"), ctx.queryParam("to"));
            case USERS -> pages.users(session.get(), ctx.queryParam("user"), ctx.queryParam("done"));
        };
        ctx.html(ConsoleHtml.page(page.title(), session.get(), page, body));
    }

    private void overviewData(Context ctx) {
        Optional<ConsoleRooms> ready = allowed(ctx, ConsolePage.OVERVIEW).flatMap(s -> ready(ctx));
        if (ready.isPresent()) {
            ctx.json(new ConsolePages(ready.get(), clock).overviewData());
        }
    }

    private void settlement(Context ctx) {
        Optional<ConsoleRooms> ready = allowed(ctx, ConsolePage.REVENUE).flatMap(s -> ready(ctx));
        if (ready.isEmpty()) {
            return;
        }
        Matcher file = SETTLEMENT.matcher(ctx.pathParam("file"));
        YearMonth month;
        try {
            month = file.matches() ? YearMonth.parse(file.group(1)) : null;
        } catch (DateTimeParseException e) {
            month = null;
        }
        if (month == null) {
            ctx.status(404).result("no such statement: settlement-YYYY-MM.csv or .txt");
            return;
        }
        var statement = ready.get().billing().settle(month);
        boolean csv = file.group(2).equals("csv");
        ctx.header(
                "Content-Disposition", "attachment; filename=\"" + statement.fileStem() + "." + file.group(2) + "\"");
        ctx.contentType(csv ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8");
        ctx.result(csv ? statement.csv() : statement.summary().getBytes(StandardCharsets.UTF_8));
    }

    private void change(Context ctx, UserChanges.Kind kind) {
        Optional<Operators.Session> session = changing(ctx);
        if (session.isEmpty()) {
            return;
        }
        if (!session.get().role().mayOpen(ConsolePage.USERS)) {
            forbidden(ctx, session.get(), ConsolePage.USERS);
            return;
        }
        Optional<ConsoleRooms> ready = ready(ctx);
        if (ready.isEmpty()) {
            return;
        }
        String done = new UserChanges(ready.get().billing(), clock).apply(kind, session.get(), ctx);
        ctx.redirect("/admin/users?user=" + URLEncoder.encode(ctx.pathParam("user"), StandardCharsets.UTF_8) + "&done="
                + URLEncoder.encode(done, StandardCharsets.UTF_8));
    }

    /** The session when the cookie names a live one and its role may open {@code page}; else answers and is empty. */
    private Optional<Operators.Session> allowed(Context ctx, ConsolePage page) {
        Optional<Operators.Session> session = operators.session(ctx.cookie(COOKIE));
        if (session.isEmpty()) {
            ctx.redirect("/admin/login");
            return Optional.empty();
        }
        if (!session.get().role().mayOpen(page)) {
            forbidden(ctx, session.get(), page);
            return Optional.empty();
        }
        return session;
    }

    /** A change needs a live session and its CSRF token in the form (or the X-CSRF-Token header): else 401 or 403. */
    private Optional<Operators.Session> changing(Context ctx) {
        Optional<Operators.Session> session = operators.session(ctx.cookie(COOKIE));
        if (session.isEmpty()) {
            ctx.status(401).result("sign in first");
            return Optional.empty();
        }
        String given = Optional.ofNullable(ctx.formParam("csrf")).orElse(ctx.header("X-CSRF-Token"));
        if (given == null
                || !MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8),
                        session.get().csrf().getBytes(StandardCharsets.UTF_8))) {
            log.warn(
                    "console: a change by {} without the right CSRF token was refused",
                    session.get().operator());
            ctx.status(403).result("refused: the form's CSRF token is missing or wrong; reload the page and try again");
            return Optional.empty();
        }
        return session;
    }

    private void forbidden(Context ctx, Operators.Session session, ConsolePage page) {
        log.warn(
                "console: {} ({}) may not open {}",
                session.operator(),
                session.role().word(),
                page.path());
        ctx.status(403)
                .html(ConsoleHtml.page(
                        "Not for your role",
                        session,
                        page,
                        "<p>The " + session.role().word() + " role cannot open " + ConsoleHtml.escape(page.title())
                                + ".</p>"));
    }

    private Optional<ConsoleRooms> ready(Context ctx) {
        Optional<ConsoleRooms> ready = rooms.get();
        if (ready.isEmpty()) {
            ctx.status(503).result("the console starts with the bot; try again in a moment");
        }
        return ready;
    }

    private static byte[] resource(String name) {
        try (InputStream in = ConsoleModule.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("console resource " + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console resource " + name, e);
        }
    }
}
