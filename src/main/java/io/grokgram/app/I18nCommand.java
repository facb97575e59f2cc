package io.grokgram.app;

import io.grokgram.assistant.Bundles;
import io.grokgram.assistant.KeyUsage;
import io.grokgram.assistant.Language;
import io.grokgram.assistant.TextsCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code grokgram i18n}: the message bundles. */
@Command(
        name = "i18n",
        description = "Check the message bundles (the languages the bot speaks).",
        subcommands = {I18nCommand.Check.class})
final class I18nCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("usage: grokgram i18n check [--dir DIRECTORY]");
        return 0;
    }

    /**
     * Reports, for every bundle, missing and extra keys, texts that are not valid ICU MessageFormat, placeholders that
     * differ from English and plurals that do not fit the language; and English keys no code uses. Exit status 1 when
     * anything is wrong, so it can guard a build or an operator's new translation.
     */
    @Command(
            name = "check",
            description = {
                "Check every bundle against English: missing/extra keys, placeholders, plural rules, unused keys.",
                "Exit status 1 when a problem is found."
            })
    static final class Check implements Callable<Integer> {
        @Option(
                names = "--dir",
                paramLabel = "DIRECTORY",
                description = "also check the messages_<tag>.properties in this directory (e.g. GROKGRAM_LANGUAGES_DIR"
                        + " or a new translation), which take the place of built-in ones of the same language")
        private Path directory;

        @Option(
                names = "--todo",
                description = "after the report, print each language's missing keys with their English text, ready to"
                        + " translate and paste into its bundle")
        private boolean todo;

        @Override
        public Integer call() {
            if (directory != null && !Files.isDirectory(directory)) {
                System.err.println("grokgram i18n check: " + directory + " is not a directory");
                return 2;
            }
            Bundles bundles = Bundles.load(Optional.ofNullable(directory));
            Map<Language, Map<String, String>> all = new LinkedHashMap<>();
            bundles.languages().forEach(language -> all.put(language, bundles.texts(language)));
            List<TextsCheck.Problem> problems = TextsCheck.check(all, KeyUsage.ofClasspath());
            int englishKeys = all.get(Language.ENGLISH).size();
            for (Language language : all.keySet()) {
                long count = problems.stream()
                        .filter(p -> p.describe().startsWith(language + ":"))
                        .count();
                System.out.printf(
                        "%-6s %-20s %3d keys  %s%n",
                        language,
                        all.get(language).getOrDefault("language.name", "?"),
                        all.get(language).size(),
                        count == 0 ? "ok" : count + " problem(s)");
            }
            problems.forEach(problem -> System.out.println("  " + problem.describe()));
            System.out.printf(
                    "%d languages, %d keys in English, %d problem(s)%n", all.size(), englishKeys, problems.size());
            if (todo) {
                printTodo(problems, all.get(Language.ENGLISH));
            }
            return problems.isEmpty() ? 0 : 1;
        }

        /** The missing keys per language as properties lines holding the English text, for a translator. */
        private static void printTodo(List<TextsCheck.Problem> problems, Map<String, String> english) {
            Language current = null;
            for (TextsCheck.Problem problem : problems) {
                if (problem instanceof TextsCheck.Problem.Missing(Language language, String key)) {
                    if (!language.equals(current)) {
                        System.out.printf(
                                "%n# messages_%s.properties%n", language.tag().replace('-', '_'));
                        current = language;
                    }
                    System.out.println(key + "=" + english.get(key).replace("\n", "\\n"));
                }
            }
        }
    }
}
