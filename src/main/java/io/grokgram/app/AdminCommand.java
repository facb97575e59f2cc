package io.grokgram.app;

import io.grokgram.console.OperatorRole;
import io.grokgram.console.Operators;
import io.grokgram.store.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The operator console's administration: {@code grokgram admin link} prints a one-time sign-in link. */
@Command(
        name = "admin",
        description = "The operator console (see `admin link`).",
        subcommands = {AdminCommand.Link.class})
final class AdminCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /**
     * Stores a new sign-in link's token (hashed) and prints the link. It works once, until it expires, whatever else
     * is configured: the way in when the Login Widget cannot be used (no public URL, or a new operator).
     */
    @Command(name = "link", description = "Print a one-time sign-in link to the console (/admin) for a role.")
    static final class Link implements Callable<Integer> {
        @Option(
                names = "--role",
                defaultValue = "owner",
                description = "owner (default), finance, privacy or support: what the link's session may open.")
        String role;

        @Option(
                names = "--valid-for",
                defaultValue = "15m",
                description = "How long the link works if unused (default 15m; at most 7d).")
        String validFor;

        @Option(
                names = "--label",
                defaultValue = "admin-link",
                description = "Who the link is for, as the console's log names them.")
        String label;

        @Option(
                names = "--sandbox",
                description = "For `grokgram sandbox`: its database (grokgram-sandbox.db unless GROKGRAM_DATABASE).")
        boolean sandbox;

        private final Map<String, String> environment;

        Link(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            OperatorRole operatorRole = OperatorRole.parse(role)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "--role must be owner, finance, privacy or support, got '" + role + "'"));
            Duration duration = ConfigLoader.parseDuration(validFor)
                    .filter(d -> !d.isNegative() && !d.isZero() && d.compareTo(Duration.ofDays(7)) <= 0)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "--valid-for must be a duration up to 7d such as 15m, got '" + validFor + "'"));
            Map<String, String> env = new HashMap<>(environment);
            if (sandbox) {
                env.putIfAbsent("GROKGRAM_DATABASE", "grokgram-sandbox.db");
            }
            Config config = ConfigLoader.load(env, ConfigLoader.Mode.OFFLINE);
            String token;
            try (Database database = Database.open(config.store().database(), 1, Duration.ofSeconds(10))) {
                database.migrate();
                token = new Operators(database, new SecureRandom(), Clock.systemUTC())
                        .createLink(operatorRole, label, duration);
            }
            String host = config.http().host().equals("0.0.0.0")
                    ? "127.0.0.1"
                    : config.http().host();
            String base = config.http()
                    .console()
                    .publicUrl()
                    .orElse("http://" + host + ":" + config.http().port());
            System.out.println(base + "/admin/login?token=" + token);
            System.err.println("(works once, for " + validFor + ", as " + operatorRole.word() + ")");
            return 0;
        }
    }
}
