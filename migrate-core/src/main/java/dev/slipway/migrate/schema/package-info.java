/**
 * A PostgreSQL schema as Slipway reads it from the catalog, and the plan that turns one schema into another.
 *
 * <ul>
 *   <li>{@link dev.slipway.migrate.schema.DatabaseSchema} — an immutable model of the objects of a database:
 *       schemas, extensions, enums, sequences, tables with their columns, constraints, indexes and triggers,
 *       partitions, views and materialized views, functions and procedures, comments, and the dependencies between
 *       them. Objects owned by an extension are left out; kinds that are not modelled are listed in
 *       {@link dev.slipway.migrate.schema.DatabaseSchema#unsupported()}, never silently dropped.</li>
 *   <li>{@link dev.slipway.migrate.schema.SchemaPlan} — the ordered statements that turn one model into another,
 *       each a {@link dev.slipway.migrate.schema.PlanStep} with its {@link dev.slipway.migrate.schema.Hazard}s.</li>
 * </ul>
 *
 * Bodies and definitions are kept as PostgreSQL prints them ({@code pg_get_constraintdef}, {@code pg_get_indexdef},
 * {@code pg_get_viewdef}, {@code pg_get_functiondef}, {@code pg_get_triggerdef}, {@code format_type}), read with
 * an empty {@code search_path} so every name in them is schema-qualified: two schemas read from the same server
 * version compare by text. Nothing in the model holds an OID.
 */
package dev.slipway.migrate.schema;
