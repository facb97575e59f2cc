package io.grokgram.dataset;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an export contains and how it came to be: the arguments (never the time it ran: the same input gives the same
 * card), the count after each filter stage, the consent policy versions, scrubbing findings by type, the language mix,
 * and each file's SHA-256. Written as Markdown for people and JSON for tools.
 *
 * @param stages stage name to the turns it removed (or, for the first and last, the turns there are), in order
 */
public record DatasetCard(
        ExportRange range,
        Map<String, Integer> stages,
        int chatRecords,
        int preferencePairs,
        Map<String, Integer> pairSources,
        java.util.Set<Integer> consentPolicyVersions,
        int currentPolicyVersion,
        Map<String, Integer> scrubbed,
        Map<String, Integer> languages,
        Map<String, Integer> settings,
        Map<String, String> files) {
    static final ObjectMapper JSON = new ObjectMapper();

    public DatasetCard {
        Objects.requireNonNull(range, "range");
        stages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stages));
        pairSources = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(pairSources));
        consentPolicyVersions = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(consentPolicyVersions));
        scrubbed = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(scrubbed));
        languages = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(languages));
        settings = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(settings));
        files = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** The card as JSON, two-space indented, LF line ends on every platform. */
    public String json() {
        ObjectNode card = JSON.createObjectNode();
        card.put("dataset", "grokgram consented conversations");
        card.putObject("arguments")
                .put("since", range.since().toString())
                .put("until", range.until().toString());
        card.put("date_range", "[" + range.since() + ", " + range.until() + ") UTC");
        ObjectNode stageNode = card.putObject("stages");
        stages.forEach(stageNode::put);
        card.put("chat_records", chatRecords);
        card.put("preference_pairs", preferencePairs);
        ObjectNode sources = card.putObject("preference_pair_sources");
        pairSources.forEach(sources::put);
        consentPolicyVersions.forEach(card.putArray("consent_policy_versions")::add);
        card.put("current_policy_version", currentPolicyVersion);
        ObjectNode scrubNode = card.putObject("scrubbed");
        scrubbed.forEach(scrubNode::put);
        ObjectNode languageNode = card.putObject("languages");
        languages.forEach(languageNode::put);
        ObjectNode settingNode = card.putObject("settings");
        settings.forEach(settingNode::put);
        ObjectNode fileNode = card.putObject("files_sha256");
        files.forEach(fileNode::put);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(card) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the card cannot be written as JSON", e);
        }
    }

    /** The card for people. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Dataset card: grokgram consented conversations\n\n");
        md.append("Turns asked from ")
                .append(range.since())
                .append(" (inclusive) to ")
                .append(range.until())
                .append(" (exclusive), UTC. Arguments: `--since ")
                .append(range.since())
                .append(" --until ")
                .append(range.until())
                .append("`.\n\n");
        md.append("Only turns whose author held training consent when they wrote them and still holds it now;"
                + " inline and guest answers and turns quoting someone else's message are left out. Users appear"
                + " under pseudonyms only; personal data is replaced by typed placeholders.\n\n");
        md.append("## Filter stages\n\n| stage | turns |\n|---|---:|\n");
        stages.forEach((stage, count) ->
                md.append("| ").append(stage).append(" | ").append(count).append(" |\n"));
        md.append("\n## Output\n\n| file | records |\n|---|---:|\n")
                .append("| chat.jsonl | ")
                .append(chatRecords)
                .append(" |\n| preferences.jsonl | ")
                .append(preferencePairs)
                .append(" |\n\n");
        table(md, "Preference pairs by source", "source", "pairs", pairSources);
        md.append("## Consent\n\nPolicy versions the exported turns were consented under: ")
                .append(consentPolicyVersions.isEmpty() ? "none" : consentPolicyVersions.toString())
                .append("; current policy version: ")
                .append(currentPolicyVersion)
                .append(".\n\n");
        table(md, "Scrubbed personal data", "type", "replaced", scrubbed);
        table(md, "Language mix (script and function-word heuristic)", "language", "records", languages);
        table(md, "Where the turns happened", "setting", "records", settings);
        table(md, "Files (SHA-256)", "file", "sha256", files);
        return md.toString();
    }

    private static void table(StringBuilder md, String title, String key, String value, Map<String, ?> rows) {
        md.append("## ")
                .append(title)
                .append("\n\n| ")
                .append(key)
                .append(" | ")
                .append(value)
                .append(" |\n|---|");
        md.append("---:|\n");
        if (rows.isEmpty()) {
            md.append("| (none) | 0 |\n");
        }
        rows.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append('\n');
    }
}
