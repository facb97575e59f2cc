package io.grokgram.console;

import io.grokgram.assistant.Language;
import io.grokgram.assistant.UserRights;
import io.grokgram.billing.Account;
import io.grokgram.web.HttpModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users' Mini App at {@code /app}: their plan and renewal date, usage today against the quota, consents with
 * switches, and buttons for data export and erasure — through the same code paths as {@code /privacy}, {@code
 * /mydata} and {@code /forget}. The page loads Telegram's web-app script, as Telegram requires, and takes its colours
 * from Telegram's theme. It speaks the user's language — their {@code /language} choice, else the {@code language_code}
 * in the signed {@code initData} — with every label, line and answer rendered here from the bundles (the static page
 * carries only keys), right to left for Persian and Arabic. Before it knows who is asking (no Telegram, or a 401) it
 * can only say so in English.
 *
 * <p>Every API call must carry the {@code initData} Telegram gave the page ({@code Authorization: tma <initData>}),
 * signed with a key derived from the bot token and not older than the configured age; anything else gets 401 and
 * touches nothing. The user is whoever the signed data names; no id from the request body is ever trusted.
 */
public final class MiniAppModule implements HttpModule {
    private static final Logger log = LoggerFactory.getLogger(MiniAppModule.class);
    private static final String AUTH_SCHEME = "tma ";
    /** The page's own labels and prompts, filled in by the script in the user's language (the keys name them). */
    private static final List<String> PAGE_TEXTS = List.of(
            "miniapp.title",
            "miniapp.heading",
            "miniapp.plan",
            "miniapp.consents",
            "miniapp.service",
            "miniapp.service.hint",
            "miniapp.training",
            "miniapp.data",
            "miniapp.export",
            "miniapp.erase",
            "miniapp.erase.confirm");

    private static final Map<String, String> STATIC =
            Map.of("miniapp.js", "io/grokgram/console/miniapp.js", "miniapp.css", "io/grokgram/console/miniapp.css");

    private final TelegramSignatures signatures;
    private final ConsoleSettings settings;
    private final Supplier<Optional<ConsoleRooms>> rooms;
    private final Clock clock;
    private final String page;
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    public MiniAppModule(
            TelegramSignatures signatures,
            ConsoleSettings settings,
            Supplier<Optional<ConsoleRooms>> rooms,
            Clock clock) {
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rooms = Objects.requireNonNull(rooms, "rooms");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.page = new String(resource("io/grokgram/console/miniapp.html"), StandardCharsets.UTF_8)
                .replace("{{WEB_APP_SCRIPT}}", ConsoleHtml.escape(settings.webAppScript()));
        STATIC.forEach((name, path) -> files.put(name, resource(path)));
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.before("/app", this::headers);
        routes.before("/app/*", this::headers);
        routes.get("/app", ctx -> ctx.html(page));
        routes.get("/app/static/{file}", this::staticFile);
        routes.get("/app/api/me", ctx -> withUser(ctx, (rooms, user) -> ctx.json(me(rooms, user))));
        routes.post(
                "/app/api/training",
                ctx -> withUser(ctx, (rooms, user) -> {
                    boolean allowed = "true".equals(ctx.queryParam("allowed"));
                    rooms.users().setTraining(user.id(), allowed);
                    ctx.json(me(rooms, user));
                }));
        routes.post(
                "/app/api/export",
                ctx -> withUser(ctx, (rooms, user) -> {
                    String said = rooms.users()
                            .in(language(rooms, user), () -> rooms.users().sendExport(user.id()));
                    ctx.json(Map.of("message", said));
                }));
        routes.post(
                "/app/api/erase",
                ctx -> withUser(ctx, (rooms, user) -> {
                    String said = rooms.users()
                            .in(language(rooms, user), () -> rooms.users().erase(user.id()));
                    ctx.json(Map.of("message", said));
                }));
    }

    private void headers(Context ctx) {
        String script = scriptOrigin(settings.webAppScript())
                .map(origin -> " " + origin)
                .orElse("");
        // Telegram's web clients show Mini Apps in a frame; nobody else may
        ctx.header(
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'" + script + "; style-src 'self'; img-src 'self' data:;"
                        + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
                        + " https://web.telegram.org https://*.telegram.org");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }

    private void staticFile(Context ctx) {
        String name = ctx.pathParam("file");
        byte[] file = files.get(name);
        if (file == null) {
            ctx.status(404);
            return;
        }
        ctx.contentType(name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
        ctx.result(file);
    }

    @FunctionalInterface
    private interface UserCall {
        void handle(ConsoleRooms rooms, WebAppUser user) throws Exception;
    }

    private void withUser(Context ctx, UserCall call) throws Exception {
        String header = ctx.header("Authorization");
        Optional<WebAppUser> user = header != null && header.startsWith(AUTH_SCHEME)
                ? signatures.initData(
                        header.substring(AUTH_SCHEME.length()), settings.initDataMaxAge(), clock.instant())
                : Optional.empty();
        if (user.isEmpty()) {
            log.warn("Mini App: a call to {} without valid, fresh initData was refused", ctx.path());
            ctx.status(401).json(Map.of("error", "initData missing, forged or too old: reopen the app from Telegram"));
            return;
        }
        Optional<ConsoleRooms> ready = rooms.get();
        if (ready.isEmpty()) {
            ctx.status(503).json(Map.of("error", "starting; try again in a moment"));
            return;
        }
        call.handle(ready.get(), user.get());
    }

    private static Language language(ConsoleRooms rooms, WebAppUser user) {
        return rooms.users().languageOf(user.id(), user.languageCode());
    }

    /**
     * What the page shows, every text already in the user's language (the chat's choice, else Telegram's): the page's
     * labels under {@code texts}, the plan's renewal and the usage line rendered here with the bundles' plural and
     * date rules, and {@code dir} for right-to-left scripts.
     */
    private Map<String, Object> me(ConsoleRooms rooms, WebAppUser user) {
        Account account = rooms.billing().account(user.id());
        Language language = language(rooms, user);
        UserRights users = rooms.users();
        Map<String, String> texts = new LinkedHashMap<>();
        PAGE_TEXTS.forEach(key -> texts.put(key, users.text(language, key)));
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("language", language.tag());
        me.put("dir", language.rightToLeft() ? "rtl" : "ltr");
        me.put("texts", texts);
        me.put(
                "renewal",
                account.quote()
                        .expiresAt()
                        .map(until -> users.text(
                                language,
                                account.quote().autoRenew() ? "miniapp.renews" : "miniapp.ends",
                                DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                                        .withLocale(language.locale())
                                        .format(until.atZone(ZoneOffset.UTC))))
                        .orElse(""));
        me.put(
                "usage",
                users.text(
                                language,
                                "miniapp.usage",
                                account.usedToday(),
                                account.quote().plan().turnsPerDay())
                        + (account.quote().extraTurns() > 0
                                ? " · "
                                        + users.text(
                                                language,
                                                "miniapp.extra",
                                                account.quote().extraTurns())
                                : ""));
        me.put("firstName", user.firstName());
        me.put("plan", account.quote().plan().id());
        me.put("planTitle", account.quote().plan().title());
        me.put("paidUntil", account.quote().expiresAt().map(Instant::toString).orElse(""));
        me.put("renews", account.quote().autoRenew());
        me.put("usedToday", account.usedToday());
        me.put("turnsPerDay", account.quote().plan().turnsPerDay());
        me.put("turnsLeftToday", account.quote().turnsLeftToday());
        me.put("extraTurns", account.quote().extraTurns());
        me.put("quotaResetsAt", account.quote().quotaResetsAt().toString());
        me.put("service", rooms.users().serviceGranted(user.id()));
        me.put("training", rooms.users().trainingGranted(user.id()));
        return me;
    }

    /** The origin of an absolute script address (Telegram's own), which the policy must allow; none for a path. */
    private static Optional<String> scriptOrigin(String address) {
        java.net.URI uri = java.net.URI.create(address);
        return uri.getScheme() == null || uri.getHost() == null
                ? Optional.empty()
                : Optional.of(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
    }

    private static byte[] resource(String name) {
        try (InputStream in = MiniAppModule.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Mini App resource " + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Mini App resource " + name, e);
        }
    }
}
