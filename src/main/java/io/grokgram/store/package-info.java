/**
 * The database itself: connections (a pool), schema migrations, transactions, the embedded default (SQLite in WAL mode)
 * and PostgreSQL. Each room owns the SQL of its own tables and runs it through {@link io.grokgram.store.Tx}.
 * {@link io.grokgram.store.StoreCopy} moves a whole store into an empty one and verifies it, table by table.
 * {@link io.grokgram.store.KnowledgeRows} keeps a knowledge index in PostgreSQL with pgvector (derived data, its own
 * pool, its table made on first use).
 *
 * <p>Depends on no other room. JDBC types never leave this package.
 */
package io.grokgram.store;
