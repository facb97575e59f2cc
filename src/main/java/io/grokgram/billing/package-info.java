/**
 * Plans and quotas, Telegram Stars invoice payloads and subscriptions, payments credited once per charge id, refunds,
 * usage metering, the monthly spend cap, and the double-entry revenue-share ledger with its settlement statement.
 *
 * <p>Calls {@code store} for its own tables and implements {@code privacy}'s personal data holder. Never calls {@code
 * telegram} or a provider: users are plain Telegram ids, charges plain strings, and the Telegram side (invoices,
 * pre-checkout answers, refund calls) belongs to the rooms that call {@link io.grokgram.billing.Billing}.
 */
package io.grokgram.billing;
