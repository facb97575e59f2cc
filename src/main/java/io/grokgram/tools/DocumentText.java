package io.grokgram.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** The title and text of one of the operator's documents, by its file type. */
record DocumentText(String title, String body) {
    /** Title and body as one text: what an embedding model reads for the whole document. */
    String whole() {
        return title + "\n" + body;
    }

    static DocumentText of(Path file, byte[] bytes) throws IOException {
        String fallback = file.getFileName()
                .toString()
                .replaceFirst("\\.[^.]+$", "")
                .replace('-', ' ')
                .replace('_', ' ');
        return switch (KnowledgeFolder.extension(file)) {
            case "html", "htm" -> {
                Document html = Jsoup.parse(new String(bytes, StandardCharsets.UTF_8));
                html.select("script, style, nav, footer").remove();
                String title = !html.title().isBlank()
                        ? html.title()
                        : html.select("h1").text();
                // paragraphs stay apart, so excerpts can pick one
                StringBuilder body = new StringBuilder();
                html.select("h1, h2, h3, p, li, pre, td")
                        .forEach(element -> body.append(element.text()).append("\n\n"));
                yield new DocumentText(title.isBlank() ? fallback : title, body.toString());
            }
            case "pdf" -> {
                try (PDDocument pdf = Loader.loadPDF(bytes)) {
                    String text = new PDFTextStripper().getText(pdf);
                    String title = pdf.getDocumentInformation().getTitle();
                    yield new DocumentText(title == null || title.isBlank() ? firstLine(text, fallback) : title, text);
                }
            }
            case "md", "markdown" -> {
                String text = new String(bytes, StandardCharsets.UTF_8);
                String title = text.lines()
                        .filter(line -> line.startsWith("# "))
                        .map(line -> line.substring(2).strip())
                        .findFirst()
                        .orElse(fallback);
                yield new DocumentText(title, text);
            }
            default -> {
                String text = new String(bytes, StandardCharsets.UTF_8);
                yield new DocumentText(firstLine(text, fallback), text);
            }
        };
    }

    private static String firstLine(String text, String fallback) {
        return text.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .findFirst()
                .map(line -> line.length() > 120 ? line.substring(0, 120) : line)
                .orElse(fallback);
    }
}
