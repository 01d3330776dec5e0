package dev.slipway.migrate.internal.schema.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.InvalidMigrationException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Rename hints read with the lexer, and the versions of the migrations written. */
class RenameHintsTest {

    @Test
    void aHintBeforeCreateTableRenamesTheTableAndOneOnAColumnLineRenamesTheColumn() {
        RenameHints.Hints hints = RenameHints.read("""
                CREATE TYPE mood AS ENUM ('a', 'b');
                -- the people of the app
                -- slipway:renamed-from app.persons
                CREATE TABLE IF NOT EXISTS app."People" (
                    id bigint PRIMARY KEY, -- not a hint: slipway:renamed-from nothing
                    "Full Name" text NOT NULL, -- slipway:renamed-from "Name"
                    note text DEFAULT '-- slipway:renamed-from x',
                    CONSTRAINT people_note CHECK (note <> '')
                );
                """, "schema/people.sql");

        assertThat(hints.tables()).containsExactly(new RenameHints.TableHint("app", "People", "app", "persons"));
        assertThat(hints.columns()).containsExactly(new RenameHints.ColumnHint("app", "People", "Full Name", "Name"));
    }

    @Test
    void aHintOnALineOfItsOwnInsideCreateTableIsRefusedWithFileAndLine() {
        assertThatThrownBy(() -> RenameHints.read("""
                        CREATE TABLE t (
                            id bigint,
                            -- slipway:renamed-from old_name
                            new_name text
                        );
                        """, "schema/t.sql"))
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("schema/t.sql")
                .hasMessageContaining("3")
                .hasMessageContaining("not on the line of a column definition");
    }

    @Test
    void aHintBeforeAnotherStatementIsRefused() {
        assertThatThrownBy(() -> RenameHints.read("""
                        -- slipway:renamed-from old_index
                        CREATE INDEX t_a ON t (a);
                        """, "schema/t.sql"))
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("does not stand right before a CREATE TABLE");
    }

    @Test
    void aHintInsideAFunctionBodyIsNoHint() {
        RenameHints.Hints hints = RenameHints.read("""
                CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$
                -- slipway:renamed-from g
                SELECT 1
                $$;
                """, "schema/f.sql");

        assertThat(hints.tables()).isEmpty();
        assertThat(hints.columns()).isEmpty();
    }

    @Test
    void versionsFollowTheClockOrTheNewestMigrationWhicheverIsLater() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:59.700Z"), ZoneOffset.UTC);

        assertThat(DevPlanner.versions(clock, "20240101000000", 2)).containsExactly("20260301100059", "20260301100100");
        assertThat(DevPlanner.versions(clock, "20260301100059", 1)).containsExactly("20260301100100");
        assertThat(DevPlanner.versions(clock, "20261231235959", 1)).containsExactly("20270101000000");
        assertThat(DevPlanner.versions(clock, "3", 1)).containsExactly("20260301100059");
    }
}
