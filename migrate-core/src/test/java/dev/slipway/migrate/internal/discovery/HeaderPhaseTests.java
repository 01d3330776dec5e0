package dev.slipway.migrate.internal.discovery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.MigrationPhase;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The header scan that lets a restart pass over waiting contract migrations without splitting them must agree with
 * the full read of the file: whenever it names a phase, the full read finds that phase.
 */
class HeaderPhaseTests {

    private static final String SOURCE = "classpath:db/migrations/20240101000000_test/migration.sql";

    private static MigrationText fetch(String text) {
        byte[] bytes = text.getBytes(UTF_8);
        return MigrationScriptReader.fetch(new MigrationFile(
                MigrationVersion.parse("20240101000000"), "test", SOURCE, SOURCE, bytes::clone, Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-- slipway:phase contract\nDROP TABLE t;",
                "\uFEFF-- slipway:phase contract\r\nDROP TABLE t;",
                "/* copyright */\n-- slipway:phase Contract\nDROP TABLE t;",
                "-- drops t\n\n;\n-- slipway:requires-backfill b\n-- slipway:phase contract\nDROP TABLE t;",
                "--slipway:phase contract\nDROP TABLE t;"
            })
    void readsAContractPhaseTheFullReadAgreesWith(String text) {
        MigrationText migration = fetch(text);

        assertThat(migration.headerPhase()).contains(MigrationPhase.CONTRACT);
        assertThat(MigrationScriptReader.parse(migration).phase()).isEqualTo(MigrationPhase.CONTRACT);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DROP TABLE t;",
                "-- slipway:phase expand\nCREATE TABLE t (id int);",
                "/* -- slipway:phase contract */\nCREATE TABLE t (id int);",
                "/* outer /* inner */\n-- slipway:phase contract\n*/\nCREATE TABLE t (id int);"
            })
    void readsNoContractPhaseWhereTheFullReadFindsNone(String text) {
        MigrationText migration = fetch(text);

        assertThat(migration.headerPhase().orElse(MigrationPhase.EXPAND)).isEqualTo(MigrationPhase.EXPAND);
        assertThat(MigrationScriptReader.parse(migration).phase()).isEqualTo(MigrationPhase.EXPAND);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CREATE TABLE t (id int);\n-- slipway:phase contract\n",
                "SELECT '\n-- slipway:phase contract\n';",
                "-- slipway:phase sideways\nDROP TABLE t;",
                "-- slipway:phase contract\n-- slipway:phase contract\nDROP TABLE t;"
            })
    void namesNoContractPhaseForADirectiveTheFullReadRefuses(String text) {
        MigrationText migration = fetch(text);

        assertThat(migration.headerPhase()).isEmpty();
        assertThatThrownBy(() -> MigrationScriptReader.parse(migration))
                .isInstanceOf(dev.slipway.migrate.InvalidMigrationException.class);
    }
}
