package io.grokgram.app;

import io.grokgram.assistant.Assistant;
import io.grokgram.dataset.DatasetCard;
import io.grokgram.dataset.DatasetExport;
import io.grokgram.dataset.ExportProgress;
import io.grokgram.dataset.ExportRange;
import io.grokgram.privacy.Consents;
import io.grokgram.privacy.ContentCipher;
import io.grokgram.privacy.Pseudonyms;
import io.grokgram.privacy.Redactor;
import io.grokgram.store.Database;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The training dataset, for the operator and the provider: {@code grokgram dataset export --since … --until …}. */
@Command(
        name = "dataset",
        description = "The consented training dataset (see `dataset export`).",
        subcommands = {DatasetCommand.Export.class})
final class DatasetCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /**
     * Writes chat.jsonl, preferences.jsonl and the dataset card (Markdown and JSON) for the turns of a date range whose
     * authors consented to training then and now; prints the card. Progress goes to stderr; an interrupted run
     * replaces nothing and can simply be run again.
     */
    @Command(
            name = "export",
            description = "Write the consented turns of [--since, --until) UTC as chat.jsonl, preferences.jsonl,"
                    + " dataset-card.md and dataset-card.json; the same store and arguments give the same bytes.")
    static final class Export implements Callable<Integer> {
        @Option(names = "--since", required = true, description = "First UTC day, inclusive, e.g. 2026-11-01.")
        String since;

        @Option(names = "--until", required = true, description = "UTC day after the last, exclusive, e.g. 2026-12-01.")
        String until;

        @Option(names = "--out", defaultValue = ".", description = "Folder the files go to (default: the current one).")
        Path out;

        @Option(
                names = "--phone-regions",
                split = ",",
                description = "Regions a phone number without a country code is read in, e.g. US,DE"
                        + " (default: US, GB, DE, FR, ES, IT, NL, RU, UA, IN, BR, CH, AT, PL).")
        List<String> phoneRegions = Redactor.DEFAULT_PHONE_REGIONS;

        private final Map<String, String> environment;

        Export(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() throws IOException {
            ExportRange range = ExportRange.parse(since, until);
            Redactor scrubber = Redactor.forTraining(phoneRegions);
            Config config = ConfigLoader.load(environment, ConfigLoader.Mode.OFFLINE);
            DatasetCard card;
            try (Database database =
                    Database.open(config.store().database(), config.store().poolSize(), Duration.ofSeconds(10))) {
                database.migrate();
                card = exporter(config, database, scrubber).export(range, out, ExportProgress.lines(System.err));
            }
            System.out.print(card.markdown());
            System.out.println("wrote " + DatasetExport.CHAT_FILE + ", " + DatasetExport.PAIRS_FILE + ", "
                    + DatasetExport.CARD_MARKDOWN + " and " + DatasetExport.CARD_JSON + " to " + out.toAbsolutePath());
            return 0;
        }

        /** The export over the configured store: the same consents, pseudonyms and content keys the bot uses. */
        static DatasetExport exporter(Config config, Database database, Redactor scrubber) {
            Clock clock = Clock.systemUTC();
            ContentCipher cipher = config.privacy()
                    .masterKey()
                    .map(key -> ContentCipher.withMasterKey(database, key, clock))
                    .orElseGet(ContentCipher::disabled);
            return new DatasetExport(
                    Assistant.trainingTurns(database, cipher),
                    new Consents(database, config.privacy().policyVersion(), clock),
                    new Pseudonyms(database, new SecureRandom(), clock),
                    scrubber,
                    config.assistant().persona());
        }
    }
}
