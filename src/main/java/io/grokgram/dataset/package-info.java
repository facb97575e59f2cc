/**
 * Consented training data: selection (training consent when the turn was asked and at export time), scrubbing with
 * the privacy room's detectors and typed placeholders, exact and near de-duplication, trivial turns, feedback →
 * preference pairs, and the deterministic export behind {@code grokgram dataset export --since D --until D --out DIR}
 * ({@code chat.jsonl}, {@code preferences.jsonl}, {@code dataset-card.md} and {@code .json}).
 *
 * <p>Reads turns only through {@link io.grokgram.dataset.TurnSource}, which the room owning conversations implements
 * (content opened with each user's key); consents and pseudonyms through {@code privacy}. Never reads another room's
 * tables, never calls a provider or Telegram, and writes no Telegram id into a record.
 */
package io.grokgram.dataset;
