/**
 * State that scale-out workers share, held in Redis: the keys with a time to live behind the outbound rate limits, the
 * 429 pauses and the inline-answer cache. The only package that sees the Redis client (Lettuce); rooms see plain
 * strings, durations and bucket4j's own proxy types.
 *
 * <p>Calls no room. Quota counters are not here: they stay atomic in the database ({@code billing}'s conditional
 * updates), which every worker shares already.
 */
package io.grokgram.shared;
