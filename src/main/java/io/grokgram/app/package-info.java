/**
 * Configuration (one immutable record tree from environment and an optional file, validated before anything starts) and
 * the composition root: the one place where objects are built and wired, started in dependency order and closed in
 * reverse. Nothing depends on this package.
 */
package io.grokgram.app;
