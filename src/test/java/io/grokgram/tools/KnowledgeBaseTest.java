package io.grokgram.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseTest {
    @TempDir
    Path dir;

    @Test
    void a_second_run_reads_only_what_changed_and_drops_what_is_gone() throws IOException {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("refunds.md"), "# Refunds\n\nStars are refunded through Telegram.\n");
        Files.writeString(docs.resolve("limits.txt"), "Limits\n\nTwenty questions a day.\n");
        Files.writeString(
                docs.resolve("about.html"),
                "<html><head><title>About us</title></head><body><p>A team in"
                        + " Vienna.</p><script>ignored()</script></body></html>");
        Files.writeString(docs.resolve("notes.docx"), "not a supported type");
        KnowledgeBase knowledge = new KnowledgeBase(dir.resolve("index"));

        assertThat(knowledge.index(docs)).isEqualTo(new Knowledge.IndexReport(3, 0, 0, 0, List.of()));
        assertThat(knowledge.index(docs)).isEqualTo(new Knowledge.IndexReport(0, 0, 3, 0, List.of()));

        Files.writeString(docs.resolve("limits.txt"), "Limits\n\nFifty questions a day since November.\n");
        Files.delete(docs.resolve("about.html"));
        assertThat(knowledge.index(docs)).isEqualTo(new Knowledge.IndexReport(0, 1, 1, 1, List.of()));

        assertThat(knowledge.search("how many questions per day", 3))
                .singleElement()
                .satisfies(hit -> {
                    assertThat(hit.path()).isEqualTo("limits.txt");
                    assertThat(hit.excerpt()).contains("Fifty questions");
                });
        assertThat(knowledge.search("Vienna team", 3)).isEmpty();
        assertThat(knowledge.search("ignored", 3)).isEmpty();
    }

    @Test
    void with_the_model_a_question_in_other_words_finds_the_article_and_an_index_built_without_it_still_answers()
            throws IOException {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("refunds.md"), "# Refunds\n\nWebsite purchases are refunded within 14 days.\n");
        Files.writeString(
                docs.resolve("satellite.md"), "# Layers\n\nSwitch to satellite imagery with the layers button.\n");
        Files.writeString(docs.resolve("battery.md"), "# Battery saver\n\nBattery saver lowers GPS sampling.\n");
        Optional<Embedder> model = Embedder.local();
        assertThat(model).as("the embedding model is on the test class path").isPresent();

        KnowledgeBase withModel = new KnowledgeBase(dir.resolve("meaning"), model);
        withModel.index(docs);
        assertThat(withModel.search("how do I get my money back", 1))
                .singleElement()
                .extracting(Knowledge.Hit::path)
                .isEqualTo("refunds.md");
        assertThat(withModel.search("aerial photos instead of the street drawing", 1))
                .singleElement()
                .extracting(Knowledge.Hit::path)
                .isEqualTo("satellite.md");

        // the bot started with the model over an index built without it: no vectors to compare, so words rank
        new KnowledgeBase(dir.resolve("words")).index(docs);
        assertThat(new KnowledgeBase(dir.resolve("words"), model).search("refunded purchases", 3))
                .first()
                .extracting(Knowledge.Hit::path)
                .isEqualTo("refunds.md");
    }

    @Test
    void pdf_documents_are_searchable_by_their_text() throws IOException {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage();
            pdf.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(pdf, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                text.newLineAtOffset(50, 700);
                text.showText("Warranty: kettles are repaired free of charge for two years.");
                text.endText();
            }
            pdf.getDocumentInformation().setTitle("Warranty terms");
            pdf.save(docs.resolve("warranty.pdf").toFile());
        }
        KnowledgeBase knowledge = new KnowledgeBase(dir.resolve("index"));

        knowledge.index(docs);

        assertThat(knowledge.search("is my kettle repaired for free", 3))
                .singleElement()
                .satisfies(hit -> {
                    assertThat(hit.title()).isEqualTo("Warranty terms");
                    assertThat(hit.excerpt()).contains("two years");
                });
    }

    @Test
    void the_passage_found_is_text_that_answers_not_the_title_line() {
        String article = "# Refunds of Telegram Stars\n\nTo ask for a refund, send /paysupport.\n\nOther things.\n";

        assertThat(KnowledgeBase.excerpt(article, "how do refunds of Stars work"))
                .isEqualTo("To ask for a refund, send /paysupport.");
        assertThat(KnowledgeBase.excerpt("# Only a title\n", "title")).isEqualTo("# Only a title");
    }

    @Test
    void without_an_index_nothing_is_found_and_nothing_fails() {
        assertThat(new KnowledgeBase(dir.resolve("never-indexed")).search("anything", 3))
                .isEmpty();
    }
}
