package io.grokgram.assistant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.StringEntry;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which message keys the code refers to, read from the compiled classes (the jar or the classes directory): every
 * string constant is a candidate key, and a key built by concatenation ({@code "nontext.kind." + kind}) leaves its
 * recipe ({@code nontext.kind.\u0001}) in the class, which matches every key of that shape. No registry to keep in
 * step: a key used in code is found, a key no code names is reported by {@code grokgram i18n check}.
 */
public final class KeyUsage implements Predicate<String> {
    private static final String ROOT = "io/grokgram";

    private final Set<String> constants;
    private final List<Pattern> shapes;

    KeyUsage(Set<String> constants) {
        this.constants = Set.copyOf(constants);
        List<Pattern> shapes = new ArrayList<>();
        for (String constant : constants) {
            if (constant.indexOf('\u0001') > 0 && constant.matches("[a-z_]+\\.[\\s\\S]*")) {
                StringBuilder regex = new StringBuilder();
                for (String piece : constant.split("\u0001", -1)) {
                    regex.append(regex.isEmpty() ? "" : "[a-z0-9_.]+").append(Pattern.quote(piece));
                }
                shapes.add(Pattern.compile(regex.toString()));
            }
        }
        this.shapes = List.copyOf(shapes);
    }

    /** The string constants of every Grokgram class on the classpath. */
    public static KeyUsage ofClasspath() {
        Set<String> constants = new TreeSet<>();
        try {
            for (URL root : Collections.list(KeyUsage.class.getClassLoader().getResources(ROOT))) {
                switch (root.getProtocol()) {
                    case "file" -> {
                        try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
                            for (Path file : files.filter(f -> f.toString().endsWith(".class"))
                                    .toList()) {
                                collect(Files.readAllBytes(file), constants);
                            }
                        }
                    }
                    case "jar" -> {
                        JarURLConnection connection = (JarURLConnection) root.openConnection();
                        connection.setUseCaches(false);
                        try (JarFile jar = connection.getJarFile()) {
                            for (JarEntry entry : Collections.list(jar.entries())) {
                                if (entry.getName().startsWith(ROOT + "/")
                                        && entry.getName().endsWith(".class")) {
                                    try (InputStream in = jar.getInputStream(entry)) {
                                        collect(in.readAllBytes(), constants);
                                    }
                                }
                            }
                        }
                    }
                    default -> throw new IllegalStateException("cannot list the classes at " + root);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the application's classes", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list the application's classes", e);
        }
        return new KeyUsage(constants);
    }

    private static void collect(byte[] bytes, Set<String> constants) {
        ClassFile.of().parse(bytes).constantPool().forEach(entry -> {
            if (entry instanceof StringEntry string) {
                constants.add(string.stringValue());
            }
        });
    }

    @Override
    public boolean test(String key) {
        return constants.contains(key)
                || shapes.stream().anyMatch(shape -> shape.matcher(key).matches());
    }
}
