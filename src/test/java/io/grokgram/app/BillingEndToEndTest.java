package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.billing.Billing;
import io.grokgram.billing.SettlementStatement;
import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.Checkout;
import io.grokgram.sandbox.Payment;
import io.grokgram.sandbox.RecordedRequest;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.store.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The money side end to end, as a user meets it: the Free quota runs out with an upgrade button, a Stars subscription
 * bought through its invoice link gives Premium's model, a renewal extends it, a refund through Telegram revokes it,
 * expiry returns to Free; packs of extra turns; replayed and doubled payment updates credited once; tampered checkouts
 * and bad payments refused; erasure keeps the payments, detached, with the ledger balanced.
 */
class BillingEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final AtomicLong NEXT_USER = new AtomicLong(6_600_000_000L);
    private static final String FREE_MODEL = "grok-test";
    private static final String PREMIUM_MODEL = "grok-4.3";

    @AutoClose
    static SandboxRig rig;

    @BeforeAll
    static void start(@TempDir Path dir) {
        rig = SandboxRig.sellingPremium(
                dir,
                Map.of(
                        "GROKGRAM_FREE_TURNS_PER_DAY",
                        "2",
                        "GROKGRAM_FREE_MODEL",
                        FREE_MODEL,
                        "GROKGRAM_PREMIUM_MODEL",
                        PREMIUM_MODEL,
                        "GROKGRAM_TURN_PACKS",
                        "pack5=5/20"));
    }

    /** The month as the operator would settle it after these tests: printed for the record. */
    @AfterAll
    static void settle() {
        SettlementStatement month = billing().settle(YearMonth.now(ZoneOffset.UTC));
        assertThat(month.netStars()).isEqualTo(month.receiptStars() - month.refundStars());
        assertThat(month.providerShareStars() + month.platformShareStars()).isEqualTo(month.netStars());
        System.out.println("sample settlement from the sandbox:\n" + month.summary());
    }

    @Test
    void quota_upgrade_subscription_renewal_refund_and_expiry() {
        SandboxUser user = rig.consentedUser(NEXT_USER.incrementAndGet(), "Paya");
        ask(user, "FREE-1");
        ask(user, "FREE-2");
        assertThat(modelOf("FREE-1")).isEqualTo(FREE_MODEL);

        ChatMessage upgrade = askAndAwait(user, "FREE-3", m -> m.text().contains("used all your turns"));
        assertThat(upgrade.text()).contains("come back at");
        assertThat(sentTo("FREE-3")).as("no provider call beyond the quota").isEmpty();
        String link = SandboxRig.invoiceLink(upgrade);

        Payment paid = user.payLink(link).awaitPayment(PATIENCE).orElseThrow();
        awaitBotText(user, "is yours");
        assertThat(paid.totalAmount()).isEqualTo(250);
        ask(user, "PREMIUM-1");
        assertThat(modelOf("PREMIUM-1")).isEqualTo(PREMIUM_MODEL);

        Instant firstEnd = billing().quote(user.userId()).expiresAt().orElseThrow();
        Payment renewal = user.renew(paid.chargeId()).orElseThrow();
        assertThat(renewal.recurring()).isTrue();
        await().atMost(PATIENCE)
                .until(() ->
                        billing().quote(user.userId()).expiresAt().orElseThrow().isAfter(firstEnd));

        // the operator refunds the renewal through Telegram; refunded_payment revokes the subscription
        Grokgram.starRefunder(rig.config).accept(user.userId(), renewal.chargeId());
        awaitBotText(user, "was refunded");
        await().atMost(PATIENCE).until(() -> billing().planOf(user.userId()).free());
        assertBalanced();
    }

    @Test
    void a_subscription_ends_when_its_period_is_over() {
        SandboxUser user = rig.consentedUser(NEXT_USER.incrementAndGet(), "Lapsa");
        user.send("/subscribe");
        ChatMessage offer = awaitBotText(user, "Your plan");
        user.payLink(SandboxRig.invoiceLink(offer)).awaitPayment(PATIENCE).orElseThrow();
        awaitBotText(user, "is yours");
        ask(user, "BEFORE-EXPIRY");
        assertThat(modelOf("BEFORE-EXPIRY")).isEqualTo(PREMIUM_MODEL);

        rig.clock.advance(Duration.ofDays(31));
        try {
            ask(user, "AFTER-EXPIRY");
            assertThat(modelOf("AFTER-EXPIRY")).isEqualTo(FREE_MODEL);
        } finally {
            rig.clock.advance(Duration.ofDays(-31));
        }
    }

    @Test
    void a_pack_of_extra_turns_is_bought_from_the_upgrade_message() {
        SandboxUser user = rig.consentedUser(NEXT_USER.incrementAndGet(), "Packa");
        ask(user, "PACK-1");
        ask(user, "PACK-2");
        ChatMessage upgrade = askAndAwait(user, "PACK-3", m -> m.text().contains("used all your turns"));

        user.pressButton(user.chatId(), upgrade.messageId(), "b:pack:pack5");
        ChatMessage invoice = await().atMost(PATIENCE)
                .until(
                        () -> rig.telegram.messages(user.chatId()).stream()
                                .filter(m -> m.content() == ChatMessage.Content.INVOICE)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        user.payInvoice(user.chatId(), invoice.messageId())
                .awaitPayment(PATIENCE)
                .orElseThrow();
        awaitBotText(user, "extra turns were added");

        ask(user, "PACK-4");
        assertThat(sentTo("PACK-4")).hasSize(1);
        assertThat(billing().quote(user.userId()).extraTurns()).isEqualTo(4);
    }

    @Test
    void a_payment_replayed_and_doubled_is_credited_once() throws Exception {
        SandboxUser user = rig.consentedUser(NEXT_USER.incrementAndGet(), "Twica");
        user.send("/subscribe");
        ChatMessage offer = awaitBotText(user, "Your plan");
        Payment paid = user.payLink(SandboxRig.invoiceLink(offer))
                .awaitPayment(PATIENCE)
                .orElseThrow();
        awaitBotText(user, "is yours");

        long updateId = paid.updateId().orElseThrow();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            senders.add(Thread.ofVirtual().start(() -> rig.telegram.redeliver(SandboxRig.TOKEN, updateId)));
            senders.add(Thread.ofVirtual()
                    .start(() -> rig.telegram.injectSuccessfulPayment(
                            user.userId(), "XTR", paid.totalAmount(), paid.payload(), paid.chargeId())));
        }
        for (Thread sender : senders) {
            sender.join();
        }
        await().pollDelay(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> true);

        assertThat(botTexts(user).stream().filter(text -> text.contains("is yours")))
                .as("one thank-you")
                .hasSize(1);
        assertThat(count("SELECT COUNT(*) AS n FROM payments WHERE charge_id = '" + paid.chargeId() + "'"))
                .isEqualTo(1);
        assertBalanced();
    }

    @Test
    void tampered_or_mispriced_checkouts_and_bad_payments_are_refused() throws Exception {
        SandboxUser user = rig.consentedUser(NEXT_USER.incrementAndGet(), "Tampa");
        String payload = billing().subscriptionPayload(user.userId());
        String tampered = payload.substring(0, payload.length() - 1) + (payload.endsWith("A") ? "B" : "A");

        Checkout.Outcome forged = user.payLink(invoiceLink(tampered, 250)).await(PATIENCE);
        Checkout.Outcome underpriced = user.payLink(invoiceLink(payload, 1)).await(PATIENCE);

        assertThat(forged).isInstanceOf(Checkout.Declined.class);
        assertThat(underpriced).isInstanceOf(Checkout.Declined.class);
        long before = count("SELECT COUNT(*) AS n FROM payments");
        rig.telegram.injectSuccessfulPayment(user.userId(), "USD", 250, payload);
        rig.telegram.injectSuccessfulPayment(user.userId(), "XTR", 250, "not-our-payload");
        awaitBotText(user, "could not be applied");
        await().atMost(PATIENCE)
                .until(() -> botTexts(user).stream()
                                .filter(text -> text.contains("could not be applied"))
                                .count()
                        == 2);
        assertThat(count("SELECT COUNT(*) AS n FROM payments")).isEqualTo(before);
        assertThat(billing().planOf(user.userId()).free()).isTrue();
    }

    @Test
    void a_refused_checkout_tells_the_payer_why_in_their_language() throws Exception {
        SandboxUser russian = rig.telegram.user(NEXT_USER.incrementAndGet(), "Олег", Optional.empty(), "ru");
        SandboxUser english = rig.consentedUser(NEXT_USER.incrementAndGet(), "Enid");
        String hers = billing().subscriptionPayload(english.userId());

        // he pays an invoice made for her; she pays her own at a price it was not made for
        Checkout.Outcome someoneElses = russian.payLink(invoiceLink(hers, 250)).await(PATIENCE);
        Checkout.Outcome underpriced = english.payLink(invoiceLink(hers, 1)).await(PATIENCE);

        assertThat(someoneElses)
                .isEqualTo(
                        new Checkout.Declined("Этот счёт выставлен другому человеку. Запроси свой через /subscribe."));
        assertThat(underpriced).isEqualTo(new Checkout.Declined("This invoice is not valid."));
    }

    @Test
    void forget_after_payments_keeps_them_detached_with_the_ledger_balanced() {
        long id = NEXT_USER.incrementAndGet();
        SandboxUser user = rig.consentedUser(id, "Forgetta");
        user.send("/subscribe");
        Payment paid = user.payLink(SandboxRig.invoiceLink(awaitBotText(user, "Your plan")))
                .awaitPayment(PATIENCE)
                .orElseThrow();
        awaitBotText(user, "is yours");

        user.send("/forget");
        ChatMessage confirm = rig.awaitButton(user, "f:1");
        user.pressButton(user.chatId(), confirm.messageId(), "f:1");
        awaitBotText(user, "Erased");

        assertThat(count("SELECT COUNT(*) AS n FROM payments WHERE charge_id = '" + paid.chargeId() + "'"))
                .isEqualTo(1);
        assertThat(PrivacyControlsEndToEndTest.tablesContaining(rig, Long.toString(id)))
                .as("rows that still name the user")
                .isEmpty();
        assertBalanced();
    }

    private static Billing billing() {
        return rig.bot.billing();
    }

    private static void assertBalanced() {
        assertThat(billing().balances().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .as("all accounts sum to zero")
                .isZero();
    }

    /** Sends a question and waits for the bot's reply to it (an answer, or the upgrade message). */
    private static void ask(SandboxUser user, String canary) {
        int before = botTexts(user).size();
        user.send("Tell me about " + canary);
        await().atMost(PATIENCE).until(() -> botTexts(user).size() > before);
    }

    private static ChatMessage askAndAwait(SandboxUser user, String canary, Predicate<ChatMessage> reply) {
        user.send("Tell me about " + canary);
        return awaitBot(user, reply);
    }

    private static ChatMessage awaitBotText(SandboxUser user, String part) {
        return awaitBot(user, m -> m.text().contains(part));
    }

    private static ChatMessage awaitBot(SandboxUser user, Predicate<ChatMessage> condition) {
        return await().atMost(PATIENCE)
                .until(
                        () -> rig.telegram.messages(user.chatId()).stream()
                                .filter(ChatMessage::fromBot)
                                .filter(condition)
                                .reduce((a, b) -> b),
                        Optional::isPresent)
                .orElseThrow();
    }

    private static List<String> botTexts(SandboxUser user) {
        return rig.telegram.messages(user.chatId()).stream()
                .filter(ChatMessage::fromBot)
                .map(ChatMessage::text)
                .toList();
    }

    private static String modelOf(String canary) {
        return sentTo(canary).getFirst().model().orElseThrow();
    }

    private static List<RecordedRequest> sentTo(String text) {
        return rig.provider.requests().stream()
                .filter(request -> request.rawBody().contains(text))
                .toList();
    }

    private static long count(String sql) {
        try (Database store = rig.store()) {
            return store.inTransaction(
                    tx -> tx.queryOne(sql, row -> row.getLong("n")).orElse(0L));
        }
    }

    /** An invoice link the bot never made (as someone could forge one): the bot's checkout must refuse it. */
    private static String invoiceLink(String payload, long stars) throws Exception {
        String body = "{\"title\":\"Premium\",\"description\":\"30 days\",\"payload\":\"" + payload
                + "\",\"currency\":\"XTR\",\"prices\":[{\"label\":\"Premium\",\"amount\":" + stars
                + "}],\"subscription_period\":2592000}";
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        rig.services.baseUrl() + "/bot" + SandboxRig.TOKEN + "/createInvoiceLink"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(response.body())
                .path("result")
                .asText();
    }
}
