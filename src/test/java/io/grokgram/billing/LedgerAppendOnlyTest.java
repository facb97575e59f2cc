package io.grokgram.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A guard for a rule the schema cannot enforce on both engines alike: no code ever rewrites or removes ledger rows. */
class LedgerAppendOnlyTest {

    @Test
    void no_source_updates_or_deletes_ledger_rows() throws IOException {
        List<String> offenders;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            offenders = sources.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> {
                        String code = read(path).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                        return code.contains("update ledger_") || code.contains("delete from ledger_");
                    })
                    .map(Path::toString)
                    .toList();
        }

        assertThat(offenders).as("code that rewrites the append-only ledger").isEmpty();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
