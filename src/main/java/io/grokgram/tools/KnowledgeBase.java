package io.grokgram.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * {@code knowledge_search}: the operator's own documents (Markdown, HTML, plain text, PDF) in a Lucene index on disk,
 * ranked by BM25 over title, file name and body with English stemming and question words dropped
 * ({@link KnowledgeAnalyzer}). {@link #index} brings the index up to date with a folder,
 * re-reading only files whose content hash changed and dropping files that are gone, so re-running it on a large
 * folder is cheap.
 */
public final class KnowledgeBase implements Knowledge {
    private static final String PATH = "path";
    private static final String HASH = "hash";
    private static final String TITLE = "title";
    private static final String BODY = "body";
    /** The file's path as words ("billing/refunds.md" → "billing refunds"): operators name files by their topic. */
    private static final String NAME = "name";
    /**
     * Recorded with each file's hash: a change to the way documents are analysed or fielded bumps it, so the next
     * {@code index} run re-reads every file instead of mixing old and new index entries.
     */
    private static final String FORMAT = "+format2";
    /**
     * Field weights on top of the body (which holds the title too): a word in the title or the file name says what the
     * whole article is about, where the same word in the body may be a passing mention. Kept modest: a common word in
     * a title ("app", "cards") otherwise outweighs the article that answers the question.
     */
    private static final Map<String, Float> BOOSTS = Map.of(TITLE, 1.0f, NAME, 0.5f, BODY, 1.0f);
    /**
     * BM25 with less length normalisation than Lucene's default (b 0.75): help articles are short and of similar
     * length, so a longer article that covers a topic fully should not be pushed below a one-line mention.
     */
    private static final BM25Similarity SIMILARITY = new BM25Similarity(1.2f, 0.3f);

    private static final String VECTOR = "vector";
    /** A paragraph that is one Markdown heading line. */
    private static final Pattern HEADING = Pattern.compile("#{1,6}\\s[^\\n]*");

    private final Path indexDir;
    private final Optional<Embedder> embedder;
    private final Analyzer analyzer = KnowledgeAnalyzer.INSTANCE;

    /** Full-text ranking only. */
    public KnowledgeBase(Path indexDir) {
        this(indexDir, Optional.empty());
    }

    /**
     * With an embedder, each document also gets a vector and a search ranks by meaning alone: the nearest vectors, so a
     * question worded unlike the article still finds it. Fusing in the full-text ranking (reciprocal rank fusion, even
     * at a quarter of the weight) lost questions on short help articles, where a shared common word ("map", "phone")
     * lifts the wrong article; measured in {@code RetrievalHitRateTest}'s three question sets.
     */
    public KnowledgeBase(Path indexDir, Optional<Embedder> embedder) {
        this.indexDir = Objects.requireNonNull(indexDir, "indexDir");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    @Override
    public IndexReport index(Path folder) {
        List<KnowledgeFolder.File> files = KnowledgeFolder.files(folder);
        try (Directory directory = FSDirectory.open(indexDir);
                IndexWriter writer = new IndexWriter(
                        directory,
                        new IndexWriterConfig(analyzer)
                                .setSimilarity(SIMILARITY)
                                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND))) {
            IndexReport report = KnowledgeFolder.update(
                    files, hashes(writer), FORMAT + KnowledgeFolder.modelSuffix(embedder), new KnowledgeFolder.Index() {
                        @Override
                        public void put(String path, String hash, DocumentText text) throws IOException {
                            writer.updateDocument(new Term(PATH, path), document(path, hash, text));
                        }

                        @Override
                        public void remove(String path) throws IOException {
                            writer.deleteDocuments(new Term(PATH, path));
                        }
                    });
            writer.commit();
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("could not update the knowledge index in " + indexDir, e);
        }
    }

    private Document document(String path, String hash, DocumentText text) {
        Document document = new Document();
        document.add(new StringField(PATH, path, Field.Store.YES));
        document.add(new StringField(HASH, hash, Field.Store.YES));
        document.add(new TextField(TITLE, text.title(), Field.Store.YES));
        document.add(new TextField(BODY, text.body(), Field.Store.YES));
        document.add(new TextField(NAME, nameWords(path), Field.Store.NO));
        if (embedder.isPresent()) {
            document.add(new KnnFloatVectorField(
                    VECTOR, embedder.get().embed(text.whole()), VectorSimilarityFunction.COSINE));
        }
        return document;
    }

    @Override
    public List<Hit> search(String question, int limit) {
        if (!Files.isDirectory(indexDir)) {
            return List.of();
        }
        try (Directory directory = FSDirectory.open(indexDir)) {
            if (!DirectoryReader.indexExists(directory)) {
                return List.of();
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(SIMILARITY);
                ScoreDoc[] ranked = new ScoreDoc[0];
                if (embedder.isPresent()) {
                    Query meaning =
                            new KnnFloatVectorQuery(VECTOR, embedder.get().embed(question), limit);
                    ranked = searcher.search(meaning, limit).scoreDocs;
                }
                if (ranked.length == 0) { // no model, or an index built without it (no vectors): rank by words
                    Optional<Query> words = fullText(question);
                    if (words.isEmpty()) {
                        return List.of();
                    }
                    ranked = searcher.search(words.get(), limit).scoreDocs;
                }
                StoredFields stored = searcher.storedFields();
                List<Hit> hits = new ArrayList<>();
                for (ScoreDoc best : ranked) {
                    Document document = stored.document(best.doc);
                    hits.add(new Hit(
                            document.get(PATH),
                            document.get(TITLE),
                            excerpt(document.get(BODY), question),
                            best.score));
                }
                return hits;
            }
        } catch (IOException e) {
            throw new ToolException("the document index could not be read", e);
        } catch (org.apache.lucene.search.IndexSearcher.TooManyClauses e) {
            throw new ToolException("the question is too long to search the documents with");
        }
    }

    /** The question as a full-text query over title, file name and body; empty when nothing in it is searchable. */
    private Optional<Query> fullText(String question) {
        MultiFieldQueryParser parser = new MultiFieldQueryParser(new String[] {TITLE, NAME, BODY}, analyzer, BOOSTS);
        try {
            return Optional.of(parser.parse(QueryParser.escape(question)));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** The stored hash of every live document, by path: what the next run compares each file against. */
    private static Map<String, String> hashes(IndexWriter writer) throws IOException {
        Map<String, String> known = new HashMap<>();
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            StoredFields stored = reader.storedFields();
            // a deleted document stays in its segment until a merge; the live-docs bits say which still count
            Bits live = MultiBits.getLiveDocs(reader);
            for (int i = 0; i < reader.maxDoc(); i++) {
                if (live == null || live.get(i)) {
                    Document document = stored.document(i, Set.of(PATH, HASH));
                    known.put(document.get(PATH), document.get(HASH));
                }
            }
        }
        return known;
    }

    /**
     * The paragraph (or, for one long paragraph, the 400 characters) sharing the most words with the question. A Markdown
     * heading is passed over while there is text: a question naming the article's topic matches its title line first,
     * and the title alone answers nothing (the hit carries the title already).
     */
    static String excerpt(String body, String question) {
        Set<String> words = words(question);
        String best = "";
        int bestScore = -2;
        for (String paragraph : body.split("\\n\\s*\\n")) {
            String strip = paragraph.strip();
            if (strip.isEmpty()) {
                continue;
            }
            int score = HEADING.matcher(strip).matches()
                    ? -1
                    : (int) words(strip).stream().filter(words::contains).count();
            if (score > bestScore) {
                best = strip;
                bestScore = score;
            }
        }
        String flat = best.replaceAll("\\s+", " ");
        return flat.length() > 400 ? flat.substring(0, 400) + "…" : flat;
    }

    private static Set<String> words(String text) {
        return Stream.of(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> word.length() > 3)
                .map(word -> word.length() > 5 ? word.substring(0, 5) : word)
                .collect(Collectors.toSet());
    }

    /** "billing/student-discount.md" → "billing student discount". */
    static String nameWords(String path) {
        return path.replaceFirst("\\.[^./]+$", "").replaceAll("[/_.-]+", " ");
    }
}
