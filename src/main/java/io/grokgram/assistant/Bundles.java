package io.grokgram.assistant;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every message bundle the bot has: {@code i18n/messages.properties} (English, the reference) and each {@code
 * i18n/messages_<tag>.properties} found — on the classpath (listed from the jar or the classes directory, so a bundle
 * added to the resources needs no code) and in an optional directory next to the installation, whose files add
 * languages or replace built-in ones. Files are read as UTF-8.
 */
public final class Bundles {
    static final String FOLDER = "i18n";
    private static final Pattern FILE = Pattern.compile("messages(?:_([a-z]{2,3}(?:_[A-Z]{2})?))?\\.properties");

    private final Map<Language, Map<String, String>> patterns;

    Bundles(Map<Language, Map<String, String>> patterns) {
        if (!patterns.containsKey(Language.ENGLISH)) {
            throw new IllegalArgumentException("the English bundle i18n/messages.properties is missing");
        }
        Map<Language, Map<String, String>> copy = new LinkedHashMap<>();
        copy.put(Language.ENGLISH, Map.copyOf(patterns.get(Language.ENGLISH)));
        patterns.keySet().stream()
                .sorted(java.util.Comparator.comparing(Language::tag))
                .forEach(language -> copy.putIfAbsent(language, Map.copyOf(patterns.get(language))));
        this.patterns = Collections.unmodifiableMap(copy);
    }

    /** The bundles inside the application (the classpath's {@code i18n} folder). */
    public static Bundles builtIn() {
        return load(Optional.empty());
    }

    /** The built-in bundles plus every {@code messages_<tag>.properties} in {@code directory}, which win. */
    public static Bundles load(Optional<Path> directory) {
        Map<Language, Map<String, String>> found = new LinkedHashMap<>();
        for (String name : classpathFiles()) {
            try (InputStream in = Bundles.class.getClassLoader().getResourceAsStream(FOLDER + "/" + name)) {
                if (in != null) {
                    found.put(languageOf(name).orElseThrow(), read(in));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundle " + FOLDER + "/" + name, e);
            }
        }
        directory.ifPresent(dir -> found.putAll(fromDirectory(dir)));
        return new Bundles(found);
    }

    /** The bundles in one directory, e.g. {@code src/main/resources/i18n} for {@code grokgram i18n check}. */
    public static Map<Language, Map<String, String>> fromDirectory(Path directory) {
        Map<Language, Map<String, String>> found = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                Optional<Language> language = languageOf(file.getFileName().toString());
                if (language.isPresent()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        found.put(language.get(), read(in));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundles in " + directory, e);
        }
        return found;
    }

    public List<Language> languages() {
        return List.copyOf(patterns.keySet());
    }

    /** The raw pattern of {@code key} in {@code language}, if that bundle has it. */
    Optional<String> pattern(Language language, String key) {
        return Optional.ofNullable(patterns.getOrDefault(language, Map.of()).get(key));
    }

    /** Every text of {@code language}'s bundle by key; empty for a language there is no bundle for. */
    public Map<String, String> texts(Language language) {
        return patterns.getOrDefault(language, Map.of());
    }

    Map<Language, Map<String, String>> all() {
        return patterns;
    }

    static Optional<Language> languageOf(String fileName) {
        Matcher matcher = FILE.matcher(fileName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(Language.ofSuffix(matcher.group(1) == null ? "" : matcher.group(1)));
    }

    private static Map<String, String> read(InputStream in) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> texts = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> texts.put(key, properties.getProperty(key)));
        return texts;
    }

    /** The bundle file names in the classpath's {@code i18n} folder, whether it is a directory or inside a jar. */
    private static List<String> classpathFiles() {
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> folders = Bundles.class.getClassLoader().getResources(FOLDER);
            for (URL folder : Collections.list(folders)) {
                switch (folder.getProtocol()) {
                    case "file" -> {
                        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                            files.map(file -> file.getFileName().toString()).forEach(names::add);
                        }
                    }
                    case "jar" -> {
                        JarURLConnection connection = (JarURLConnection) folder.openConnection();
                        connection.setUseCaches(false);
                        try (JarFile jar = connection.getJarFile()) {
                            for (JarEntry entry : Collections.list(jar.entries())) {
                                String name = entry.getName();
                                if (name.startsWith(FOLDER + "/") && name.indexOf('/', FOLDER.length() + 1) < 0) {
                                    names.add(name.substring(FOLDER.length() + 1));
                                }
                            }
                        }
                    }
                    default -> {} // another kind of class loader: only the English base below
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the message bundles in " + FOLDER, e);
        }
        names.add("messages.properties");
        List<String> bundles = new ArrayList<>();
        names.stream().filter(name -> FILE.matcher(name).matches()).forEach(bundles::add);
        return bundles;
    }
}
