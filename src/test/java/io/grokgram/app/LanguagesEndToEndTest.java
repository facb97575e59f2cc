package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.store.Database;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bot in the user's language, end to end: users whose Telegram speaks Russian, Arabic or Brazilian Portuguese get
 * the consent question, the greeting, the quota message and the payment confirmation in it, and their consent records
 * which language's text they read; {@code /language} switches and goes back; a group whose admins set a language
 * answers every member in it; the menu and descriptions are registered per language.
 */
class LanguagesEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final AtomicLong NEXT_USER = new AtomicLong(7_700_000_000L);
    private static final ObjectMapper JSON = new ObjectMapper();

    @AutoClose
    static SandboxRig rig;

    @BeforeAll
    static void start(@TempDir Path dir) {
        rig = SandboxRig.sellingPremium(dir, Map.of("GROKGRAM_FREE_TURNS_PER_DAY", "1"));
    }

    @ParameterizedTest(name = "language_code {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ru    | ru    | Что отправляется | Принимаю | Спасибо | Привет, Ника! | израсходованы | теперь твой",
                "ar    | ar    | ما الذي يُرسَل | موافق | شكرًا | مرحبًا Ника! | استخدمت كل أسئلة | لك الآن",
                "pt-br | pt-BR | O que é enviado | Aceitar | Obrigado | Oi, Ника! | Você usou todas as perguntas | é seu"
            })
    void welcome_consent_quota_and_payment_speak_the_users_language(
            String code,
            String tag,
            String consentPhrase,
            String acceptLabel,
            String thanks,
            String greeting,
            String quotaPhrase,
            String paidPhrase) {
        SandboxUser user = rig.telegram.user(NEXT_USER.incrementAndGet(), "Ника", Optional.empty(), code);

        user.send("/start");
        ChatMessage question = rig.awaitButton(user, SandboxRig.ACCEPT);
        assertThat(question.text()).contains(consentPhrase).doesNotContain("What is sent");
        assertThat(buttonLabels(question)).contains(acceptLabel);
        user.pressButton(user.chatId(), question.messageId(), SandboxRig.ACCEPT);
        await().atMost(PATIENCE)
                .until(() -> rig.telegram.messages(user.chatId()).stream()
                        .anyMatch(m -> m.messageId() == question.messageId()
                                && m.text().startsWith(thanks)));
        assertThat(consentLanguage(user.userId())).isEqualTo(tag + " text 1");

        user.send("/start");
        awaitBot(user, m -> m.text().startsWith(greeting));

        int before = rig.botMessages(user).size();
        user.send("LANG-" + code + " first question");
        await().atMost(PATIENCE).until(() -> rig.botMessages(user).size() > before);
        assertThat(rig.provider.requests().stream()
                        .filter(request -> request.rawBody().contains("LANG-" + code + " first question"))
                        .findFirst()
                        .orElseThrow()
                        .rawBody())
                .as("the persona tells the model to answer in the language the user writes in")
                .contains("Answer in the language of the user's latest message");
        user.send("LANG-" + code + " second question");
        ChatMessage quota = awaitBot(user, m -> m.text().contains(quotaPhrase));

        user.payLink(SandboxRig.invoiceLink(quota)).awaitPayment(PATIENCE).orElseThrow();
        awaitBot(user, m -> m.text().contains(paidPhrase));
    }

    @Test
    void language_switches_the_bots_texts_until_switched_back_and_forget_erases_the_choice() {
        SandboxUser user = rig.consentingUser(NEXT_USER.incrementAndGet(), "Iwan", Optional.empty(), "ru");

        user.send("/language");
        ChatMessage menu = rig.awaitButton(user, "l:de");
        assertThat(menu.text()).startsWith("Язык");
        assertThat(buttonLabels(menu))
                .contains("Deutsch", "العربية", "Português (Brasil)", "हिन्दी", "Bahasa Indonesia", "✓ Русский");
        String press = user.pressButton(user.chatId(), menu.messageId(), "l:de");
        assertThat(toast(press)).isEqualTo("Erledigt: Ab jetzt spreche ich hier Deutsch.");
        awaitBot(user, m -> m.messageId() == menu.messageId() && m.text().startsWith("Erledigt"));

        user.send("/help");
        awaitBot(user, m -> m.text().startsWith("Was ich kann"));
        assertThat(rows("SELECT language FROM language_choices WHERE chat_id = " + user.userId()))
                .containsExactly("de");

        user.send("/language");
        ChatMessage again = awaitBot(
                user, m -> m.text().startsWith("Sprache") && m.replyMarkup().isPresent());
        user.pressButton(user.chatId(), again.messageId(), "l:auto");
        user.send("/help");
        awaitBot(user, m -> m.text().startsWith("Что я умею"));

        user.send("/language");
        ChatMessage third = awaitBot(user, m -> m.text().startsWith("Язык") && m.messageId() > again.messageId());
        user.pressButton(user.chatId(), third.messageId(), "l:tr");
        user.send("/forget");
        ChatMessage confirm = rig.awaitButton(user, "f:1");
        assertThat(confirm.text()).contains("Geri alınamaz");
        user.pressButton(user.chatId(), confirm.messageId(), "f:1");
        awaitBot(user, m -> m.text().startsWith("Silindi"));
        assertThat(PrivacyControlsEndToEndTest.tablesContaining(rig, Long.toString(user.userId())))
                .as("rows that still name the user")
                .isEmpty();
        user.send("/help");
        awaitBot(user, m -> m.text().startsWith("Что я умею"));
    }

    @Test
    void a_group_whose_admins_set_a_language_answers_every_member_in_it() {
        SandboxUser admin = rig.consentingUser(NEXT_USER.incrementAndGet(), "Ada", Optional.empty(), "en");
        SandboxUser member = rig.consentingUser(NEXT_USER.incrementAndGet(), "Mia", Optional.empty(), "de");
        long group = admin.createGroupWithBot("Idiomas");
        member.joinGroup(group);

        member.sendToGroup(group, "/language@grokgram_test_bot");
        awaitGroup(group, m -> m.text().contains("Nur die Admins der Gruppe"));
        admin.sendToGroup(group, "/language@grokgram_test_bot");
        ChatMessage menu = rig.awaitButton(group, "l:es");
        assertThat(menu.text()).startsWith("Language of this group");
        assertThat(toast(member.pressButton(group, menu.messageId(), "l:es"))).startsWith("Nur die Admins");
        assertThat(toast(admin.pressButton(group, menu.messageId(), "l:es")))
                .isEqualTo("Listo: desde ahora hablo español aquí.");

        member.sendToGroup(group, "/help@grokgram_test_bot");
        awaitGroup(group, m -> m.text().startsWith("Qué puedo hacer"));
        admin.sendToGroup(group, "@grokgram_test_bot");
        awaitGroup(group, m -> m.text().startsWith("Pregúntame algo después de la mención"));
        // the members' own chats stay in their languages
        member.send("/help");
        awaitBot(member, m -> m.text().startsWith("Was ich kann"));
    }

    @Test
    void the_menu_and_descriptions_are_registered_in_every_language() throws Exception {
        assertThat(descriptions(call("getMyCommands", "language_code=ru")))
                .contains(
                        "language: Выбрать язык бота",
                        "privacy: Посмотреть и изменить, что происходит с твоими данными");
        assertThat(descriptions(call("getMyCommands", "language_code=pt")))
                .contains("language: Escolher o idioma do bot");
        assertThat(descriptions(call("getMyCommands", ""))).contains("language: Choose the bot's language");
        assertThat(call("getMyDescription", "language_code=ar")
                        .path("description")
                        .asText())
                .startsWith("Grokgram مساعد ذكاء اصطناعي");
        assertThat(call("getMyShortDescription", "language_code=hi")
                        .path("short_description")
                        .asText())
                .startsWith("Telegram में एक AI असिस्टेंट");
        assertThat(rig.telegram.rejections())
                .as("Telegram refused none of the calls")
                .isEmpty();
    }

    @Test
    void an_operator_adds_a_language_by_dropping_one_bundle_into_the_languages_directory(@TempDir Path dir)
            throws Exception {
        Path languages = java.nio.file.Files.createDirectory(dir.resolve("languages"));
        StringBuilder french = new StringBuilder();
        try (java.io.InputStream in = LanguagesEndToEndTest.class.getResourceAsStream("/i18n/messages.properties")) {
            java.util.Properties english = new java.util.Properties();
            english.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            english.stringPropertyNames()
                    .forEach(key -> french.append(key)
                            .append('=')
                            .append(english.getProperty(key).replace("\n", "\\n"))
                            .append('\n'));
        }
        french.append(
                "language.name=Français\nconsent.accept=J’accepte\ncommand.language.description=Choisir la langue\n");
        java.nio.file.Files.writeString(
                languages.resolve("messages_fr.properties"), french, java.nio.charset.StandardCharsets.UTF_8);

        try (SandboxRig withFrench = new SandboxRig(dir, Map.of("GROKGRAM_LANGUAGES_DIR", languages.toString()))) {
            SandboxUser user = withFrench.telegram.user(NEXT_USER.incrementAndGet(), "Zoé", Optional.empty(), "fr-CA");
            user.send("/start");
            ChatMessage question = withFrench.awaitButton(user, SandboxRig.ACCEPT);
            assertThat(buttonLabels(question)).contains("J’accepte");
            user.send("/language");
            assertThat(buttonLabels(withFrench.awaitButton(user, "l:fr"))).contains("✓ Français");
        }
    }

    /** The text the bot answered a button press with, once it has. */
    private static String toast(String queryId) {
        return await().atMost(PATIENCE)
                .until(() -> rig.telegram.callbackAnswer(queryId), Optional::isPresent)
                .orElseThrow()
                .text()
                .orElse("");
    }

    private static JsonNode call(String method, String form) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(rig.services.baseUrl() + "/bot" + SandboxRig.TOKEN + "/" + method))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("ok").asBoolean()).as(response.body()).isTrue();
        return body.path("result");
    }

    private static List<String> descriptions(JsonNode commands) {
        return java.util.stream.StreamSupport.stream(commands.spliterator(), false)
                .map(c -> c.path("command").asText() + ": "
                        + c.path("description").asText())
                .toList();
    }

    private static String consentLanguage(long user) {
        return rows("SELECT language || ' text ' || text_version AS v FROM consents WHERE user_id = " + user)
                .getLast();
    }

    private static List<String> rows(String sql) {
        try (Database store = rig.store()) {
            return store.inTransaction(
                    tx -> tx.query(sql, row -> row.getString(sql.contains(" AS v ") ? "v" : "language")));
        }
    }

    private static List<String> buttonLabels(ChatMessage message) {
        return message.replyMarkup().stream()
                .flatMap(markup -> java.util.stream.StreamSupport.stream(
                        markup.path("inline_keyboard").spliterator(), false))
                .flatMap(row -> java.util.stream.StreamSupport.stream(row.spliterator(), false))
                .map(button -> button.path("text").asText())
                .toList();
    }

    private static ChatMessage awaitBot(SandboxUser user, Predicate<ChatMessage> condition) {
        return awaitIn(user.chatId(), condition);
    }

    private static ChatMessage awaitGroup(long group, Predicate<ChatMessage> condition) {
        return awaitIn(group, condition);
    }

    private static ChatMessage awaitIn(long chat, Predicate<ChatMessage> condition) {
        return await().atMost(PATIENCE)
                .until(
                        () -> rig.telegram.messages(chat).stream()
                                .filter(ChatMessage::fromBot)
                                .filter(condition)
                                .reduce((a, b) -> b),
                        Optional::isPresent)
                .orElseThrow();
    }
}
