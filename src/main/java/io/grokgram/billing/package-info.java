/**
 * Plans and quotas, Telegram Stars invoices and subscriptions, payments and refunds, usage metering and the revenue-share
 * ledger. Empty until the billing issue; the room exists so the layout matches the design brief.
 */
package io.grokgram.billing;
