/**
 * The operator console at {@code /admin} (overview charts, revenue and settlements, privacy requests and the audit
 * log, users' plans and blocks; sign-in by one-time link or Telegram Login Widget, roles, sessions, CSRF) and the
 * users' Mini App at {@code /app} (plan, usage, consents, export and erasure, every call authenticated by Telegram's
 * signed {@code initData}).
 *
 * <p>Reads other rooms only through their façades ({@code billing}, {@code privacy}, {@code assistant}), which
 * {@code app} hands it in {@link io.grokgram.console.ConsoleRooms}; owns the SQL of its own tables (sign-in links and
 * sessions). Never calls a provider or Telegram; never shows a Telegram id on a page whose role must not see it.
 */
package io.grokgram.console;
