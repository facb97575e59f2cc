/**
 * Consented training data: selection, scrubbing, de-duplication, preference pairs and deterministic export. Empty until
 * the dataset issue; the room exists so the layout matches the design brief.
 */
package io.grokgram.dataset;
