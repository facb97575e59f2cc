package io.grokgram.app;

import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.SandboxWeb;
import io.grokgram.sandbox.TestProvider;
import io.grokgram.sandbox.TestProviderSettings;
import io.grokgram.sandbox.WebAppScript;
import io.grokgram.sandbox.WebChat;
import io.grokgram.store.Database;
import io.grokgram.telegram.BotToken;
import io.grokgram.tools.Knowledge;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * The main job on embedded defaults: one HTTP server carrying the Bot API emulator, the test provider and the web chat,
 * and the bot talking to both over HTTP exactly as it talks to the real services.
 */
@Command(
        name = "sandbox",
        description = "Run the bot offline: emulated Telegram, a test provider and a web chat on GROKGRAM_HTTP_PORT.")
final class SandboxCommand implements Callable<Integer> {
    /** A fixed token, so a restarted sandbox finds its own history in the sandbox database. */
    static final String TOKEN = "1000001:sandbox-token-not-a-secret-000000";
    /** A question the start message suggests: "docs" makes the test provider call knowledge_search. */
    static final String DOCS_QUESTION = "According to the docs, how do refunds of Stars work?";

    private final Map<String, String> environment;

    SandboxCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        Config base = ConfigLoader.load(environment, ConfigLoader.Mode.SANDBOX);
        int port = base.http().port() == 0 ? freePort() : base.http().port();
        String url = "http://127.0.0.1:" + port;
        Map<String, String> env = environment(environment, base, port, System.out);
        Config config = ConfigLoader.load(env, ConfigLoader.Mode.SANDBOX);

        BotApiEmulator telegram = new BotApiEmulator(Clock.systemUTC());
        telegram.registerBot(TOKEN, "grokgram_sandbox_bot", "Grok");
        TestProvider provider = new TestProvider(TestProviderSettings.defaults());
        Grokgram app = Grokgram.start(
                config,
                new BotToken(TOKEN),
                Providers.chain(config),
                List.of(telegram, provider, new SandboxWeb(), new WebChat(), new WebAppScript()),
                Clock.systemUTC());
        System.out.println();
        System.out.println("  Grokgram sandbox is running. Chat with the assistant at " + url + "/");
        System.out.println(
                "  Operator console: run `grokgram admin link --sandbox` for a sign-in link (" + url + "/admin)");
        System.out.println("  (emulated Bot API at " + url + ", test provider at " + url + "/v1," + " metrics at " + url
                + "/metrics; Ctrl-C stops it)");
        if (config.tools().knowledgeIndex().isPresent()) {
            // the test provider calls knowledge_search when a message names the docs (ToolScript)
            System.out.println("  Ask \"" + DOCS_QUESTION + "\" to watch knowledge_search cite an article");
        }
        System.out.println();
        RunCommand.awaitShutdown(app);
        return 0;
    }

    /**
     * The bot's settings in the sandbox: its own server as Telegram, provider and search backend, the sandbox database,
     * and the shipped help articles as knowledge_search's documents. The operator's own settings win (in the environment,
     * or for the knowledge index in {@code base}, which read the settings file too); {@code out} hears what was set up.
     */
    static Map<String, String> environment(Map<String, String> operator, Config base, int port, PrintStream out) {
        String url = "http://127.0.0.1:" + port;
        Map<String, String> env = new HashMap<>(operator);
        env.put("GROKGRAM_HTTP_PORT", Integer.toString(port));
        env.put("GROKGRAM_TELEGRAM_API", url);
        env.put("GROKGRAM_LLM_BASE_URL", url + "/v1");
        env.putIfAbsent("GROKGRAM_LLM_API_KEY", "");
        env.putIfAbsent("GROKGRAM_DATABASE", "grokgram-sandbox.db");
        // the sandbox web is the search backend, and its pages live on loopback: read_url may read them here
        env.putIfAbsent("GROKGRAM_SEARCH_URL", url + "/search");
        env.putIfAbsent("GROKGRAM_READ_URL_ALLOW_PRIVATE", "true");
        // the Mini App runs offline on the sandbox's stand-in for Telegram's web-app script
        env.putIfAbsent("GROKGRAM_WEBAPP_SCRIPT", WebAppScript.PATH);
        // the web chat's menu button and /settings open the Mini App on this server
        env.putIfAbsent("GROKGRAM_PUBLIC_URL", url);
        String index = Setting.KNOWLEDGE_INDEX.key();
        if (!env.containsKey(index) && base.tools().knowledgeIndex().isEmpty()) {
            // beside the sandbox database, so a sandbox run from another folder keeps its files together
            Path beside = Database.sqliteFile(env.get("GROKGRAM_DATABASE"))
                    .map(Path::getParent)
                    .orElse(Path.of("").toAbsolutePath());
            SandboxKnowledge.Prepared knowledge = SandboxKnowledge.prepare(beside);
            env.put(index, knowledge.index().toString());
            Knowledge.IndexReport report = knowledge.report();
            out.printf(
                    "  knowledge_search: %d help articles about Grokgram indexed in %s (%d read, %d unchanged)%n",
                    SandboxKnowledge.ARTICLES.size(),
                    knowledge.index(),
                    report.added() + report.updated(),
                    report.unchanged());
        }
        return env;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the sandbox: " + e.getMessage(), e);
        }
    }
}
