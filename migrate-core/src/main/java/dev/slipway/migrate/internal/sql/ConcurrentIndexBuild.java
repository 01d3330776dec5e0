package dev.slipway.migrate.internal.sql;

/**
 * A named {@code CREATE [UNIQUE] INDEX CONCURRENTLY} found by {@link SqlStatements#concurrentIndexBuild(String)}.
 * If such a build fails, PostgreSQL leaves an INVALID index behind that must be dropped before the statement
 * can run again.
 *
 * @param indexName the index's name as PostgreSQL stores it in {@code pg_class.relname}: an unquoted name folded
 *     to lower case, a quoted name exactly as quoted, both cut to 63 bytes as the server does (never null in
 *     what {@link SqlStatements#concurrentIndexBuild(String)} returns)
 * @param table the indexed table as written in the statement (possibly schema-qualified and quoted), usable as
 *     {@code SELECT ?::regclass}
 */
public record ConcurrentIndexBuild(String indexName, String table) {}
