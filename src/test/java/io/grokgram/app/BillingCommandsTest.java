package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.billing.Billing;
import io.grokgram.billing.Payment;
import io.grokgram.billing.PaymentOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The operator's billing commands on a real SQLite store: settle, report, refund. */
class BillingCommandsTest {
    private static final long ADA = 7_001_002_003L;
    private static final Clock NOVEMBER = Clock.fixed(Instant.parse("2026-11-05T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Map<String, String> env;

    @BeforeEach
    void a_month_of_payments() {
        env = Map.of("GROKGRAM_DATABASE", dir.resolve("grokgram.db").toString());
        try (OfflineBilling store = OfflineBilling.open(env, NOVEMBER)) {
            Billing billing = store.billing();
            credit(
                    billing,
                    new Payment(ADA, "XTR", 250, billing.subscriptionPayload(ADA), "stxSub", Optional.empty(), true));
            credit(
                    billing,
                    new Payment(
                            ADA, "XTR", 100, billing.packPayload(ADA, "pack100"), "stxPack", Optional.empty(), false));
            billing.meter(ADA, "premium", "answer", 2_000, 1_000, 300, 200, Optional.of(2_500_000L));
        }
    }

    @Test
    void settle_writes_csv_text_and_html_prints_the_summary_and_repeats_byte_for_byte() throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");

        String printed = ConsoleCapture.out(
                () -> assertThat(Main.execute(env, "ledger", "settle", "--month", "2026-11", "--out", first.toString()))
                        .isZero());
        assertThat(Main.execute(env, "ledger", "settle", "--month", "2026-11", "--out", second.toString()))
                .isZero();

        for (String name : List.of("settlement-2026-11.csv", "settlement-2026-11.txt", "settlement-2026-11.html")) {
            assertThat(first.resolve(name)).exists();
            assertThat(Files.readAllBytes(second.resolve(name)))
                    .as(name)
                    .isEqualTo(Files.readAllBytes(first.resolve(name)));
        }
        byte[] csv = Files.readAllBytes(first.resolve("settlement-2026-11.csv"));
        assertThat(new String(csv, StandardCharsets.UTF_8).lines()).hasSize(1 + 2 * 3);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv));
        assertThat(printed).contains("settlement statement 2026-11", "350 Stars (4.55 USD)", "175 Stars", sha);
        assertThat(Files.readString(first.resolve("settlement-2026-11.txt"))).contains(sha);
    }

    @Test
    void settle_without_a_month_or_with_a_bad_one_fails() {
        assertThat(Main.execute(env, "ledger", "settle")).isNotZero();
        assertThat(Main.execute(env, "ledger", "settle", "--month", "November")).isEqualTo(1);
    }

    @Test
    void the_report_shows_revenue_cost_and_margin_per_plan() {
        String printed =
                ConsoleCapture.out(() -> assertThat(Main.execute(env, "billing", "report", "--month", "2026-11"))
                        .isZero());

        assertThat(printed).contains("billing report 2026-11");
        assertThat(printed.lines()
                        .filter(line -> line.startsWith("premium"))
                        .findFirst()
                        .orElseThrow())
                .contains("250", "3.25", "0.00", "1.62");
        assertThat(printed.lines()
                        .filter(line -> line.startsWith("pack100"))
                        .findFirst()
                        .orElseThrow())
                .contains("100", "1.30");
    }

    @Test
    void refund_asks_telegram_then_revokes_and_a_second_run_says_it_is_done() throws Exception {
        List<String> refunded = new ArrayList<>();
        Callable<Integer> refund = () -> new CommandLine(
                        new PaymentsCommand.Refund(env, config -> (user, charge) -> refunded.add(user + "/" + charge)))
                .execute("--charge", "stxPack");

        String printed = ConsoleCapture.out(() -> assertThat(call(refund)).isZero());
        String again = ConsoleCapture.out(() -> assertThat(call(refund)).isZero());

        assertThat(refunded).containsExactly(ADA + "/stxPack");
        assertThat(printed).contains("refunded 100 Stars for pack100");
        assertThat(again).contains("was refunded at");
        try (OfflineBilling store = OfflineBilling.open(env, NOVEMBER)) {
            assertThat(store.billing().quote(ADA).extraTurns()).isZero();
            assertThat(store.billing().balances()).containsEntry("telegram:stars", 250L);
        }
    }

    @Test
    void a_refund_telegram_refuses_changes_nothing_here() {
        int code = new CommandLine(new PaymentsCommand.Refund(env, config -> (user, charge) -> {
                    throw new IllegalStateException("Bad Request: CHARGE_ALREADY_REFUNDED");
                }))
                .setExecutionExceptionHandler((exception, line, result) -> 1)
                .execute("--charge", "stxSub");

        assertThat(code).isNotZero();
        try (OfflineBilling store = OfflineBilling.open(env, NOVEMBER)) {
            assertThat(store.billing().planOf(ADA).id()).isEqualTo("premium");
            assertThat(store.billing().payment("stxSub").orElseThrow().refundedAt())
                    .isEmpty();
        }
    }

    @Test
    void refunding_an_unknown_charge_fails_with_a_message() {
        String err = ConsoleCapture.err(() -> assertThat(Main.execute(env, "payments", "refund", "--charge", "stxNone"))
                .isEqualTo(1));

        assertThat(err).contains("no payment with charge id stxNone");
    }

    private static void credit(Billing billing, Payment payment) {
        assertThat(billing.credit(payment)).isInstanceOf(PaymentOutcome.Credited.class);
    }

    private static int call(Callable<Integer> command) {
        try {
            return command.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
