/**
 * Test-only support that several rooms' tests share and that belongs to no room: the once-per-JVM choice between the
 * machine's own server and an embedded one ({@link io.grokgram.testing.LocalOrEmbedded}).
 *
 * <p>Knows no room and no server library; each server's probe, start and texts stay in its room's test helper.
 */
package io.grokgram.testing;
