package io.grokgram.app;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code grokgram} command line: one executable jar, one subcommand per job. */
@Command(
        name = "grokgram",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "An AI assistant inside Telegram: xAI's Grok by default, any OpenAI-compatible model otherwise.",
        subcommands = {
            RunCommand.class,
            IngressCommand.class,
            WorkerCommand.class,
            SandboxCommand.class,
            MigrateCommand.class,
            ConfigCommand.class,
            BenchCommand.class,
            LedgerCommand.class,
            DatasetCommand.class,
            BillingCommand.class,
            PaymentsCommand.class,
            KnowledgeCommand.class,
            AdminCommand.class,
            I18nCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Callable<Integer> {

    /**
     * Lucene says on stderr, through java.util.logging, that the JDK's incubating vector module is not enabled (it
     * would speed up vector search on large indexes, at the price of another start-up warning). Kept here so that it
     * does not greet every operator; the logger is held so its level survives garbage collection.
     */
    private static final java.util.logging.Logger LUCENE_VECTORS =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    public static void main(String[] args) {
        LUCENE_VECTORS.setLevel(java.util.logging.Level.SEVERE);
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
    static int execute(String... args) {
        return execute(System.getenv(), args);
    }

    /** Runs the command line with the given environment in place of the process's own. */
    static int execute(Map<String, String> environment, String... args) {
        return new CommandLine(new Main(), new EnvironmentFactory(environment))
                .setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
                    if (exception instanceof ConfigException config) {
                        commandLine
                                .getErr()
                                .println("grokgram: " + config.problems().size() + " configuration problem(s):");
                        config.problems().forEach(p -> commandLine.getErr().println("  " + p));
                        return 2;
                    }
                    commandLine.getErr().println("grokgram: " + exception.getMessage());
                    return 1;
                })
                .execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /** Hands the environment to every command that takes one, so tests need not touch the real one. */
    private record EnvironmentFactory(Map<String, String> environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Map.class).newInstance(environment);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {
                "grokgram " + (version == null ? "(development build)" : version) + " on Java " + Runtime.version()
            };
        }
    }
}
