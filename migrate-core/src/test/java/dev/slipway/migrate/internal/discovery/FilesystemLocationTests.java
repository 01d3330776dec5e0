package dev.slipway.migrate.internal.discovery;

import static dev.slipway.migrate.internal.discovery.MigrationFiles.mkdirs;
import static dev.slipway.migrate.internal.discovery.MigrationFiles.refusal;
import static dev.slipway.migrate.internal.discovery.MigrationFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.InvalidMigrationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemLocationTests {

    private static final String CREATE_USERS = "CREATE TABLE users (id bigint PRIMARY KEY);\n";
    private static final String ADD_NAME = "ALTER TABLE users ADD COLUMN name text;\n";

    @TempDir
    Path root;

    private List<MigrationScript> load(Path... folders) {
        return MigrationLoader.load(
                Arrays.stream(folders).map(folder -> "filesystem:" + folder).toList(),
                getClass().getClassLoader());
    }

    private String source(Path folder, String relativePath) {
        return "filesystem:" + folder.resolve(relativePath);
    }

    @Test
    void readsPrismaFolderLayoutWithDownFileAndIgnoresTheLockFile() {
        write(root, "migration_lock.toml", "provider = \"postgresql\"\n");
        write(root, "20240101000000_create_users/migration.sql", CREATE_USERS);
        write(root, "20240101000000_create_users/down.sql", "DROP TABLE users;\n");
        write(root, "20240101000000_create_users/notes.md", "why we did this\n");
        write(root, "20240101000000_create_users/seed.sql", "INSERT INTO users VALUES (1);\n");
        write(root, "20240102000000_add_name/migration.sql", ADD_NAME);

        List<MigrationScript> scripts = load(root);

        assertThat(scripts)
                .extracting(MigrationScript::id)
                .containsExactly("20240101000000_create_users", "20240102000000_add_name");
        MigrationScript first = scripts.get(0);
        assertThat(first.version()).isEqualTo(MigrationVersion.parse("20240101000000"));
        assertThat(first.name()).isEqualTo("create_users");
        assertThat(first.source()).isEqualTo(source(root, "20240101000000_create_users/migration.sql"));
        assertThat(first.downSource()).contains(source(root, "20240101000000_create_users/down.sql"));
        assertThat(first.statements())
                .singleElement()
                .satisfies(statement ->
                        assertThat(statement.sql()).isEqualTo("CREATE TABLE users (id bigint PRIMARY KEY)"));
        assertThat(scripts.get(1).downSource()).isEmpty();
    }

    @Test
    void readsFlywayFilesInTheRootAndInSubFolders() {
        write(root, "V1__create_users.sql", CREATE_USERS);
        write(root, "users/V1_1__add_name.sql", ADD_NAME);
        write(root, "orders/archive/V2__create_orders.sql", "CREATE TABLE orders (id bigint);\n");

        List<MigrationScript> scripts = load(root);

        assertThat(scripts)
                .extracting(MigrationScript::id)
                .containsExactly("1_create_users", "1.1_add_name", "2_create_orders");
        assertThat(scripts.get(1).source()).isEqualTo(source(root, "users/V1_1__add_name.sql"));
        assertThat(scripts.get(1).version()).hasToString("1.1");
        assertThat(scripts).allSatisfy(script -> assertThat(script.downSource()).isEmpty());
    }

    @Test
    void keepsUnderscoresOfAFlywayDescriptionInTheName() {
        write(root, "V3__add_users_display_name.sql", ADD_NAME);

        assertThat(load(root))
                .singleElement()
                .satisfies(script -> assertThat(script.name()).isEqualTo("add_users_display_name"));
    }

    @Test
    void readsBothLayoutsSideBySide() {
        write(root, "V1__create_users.sql", CREATE_USERS);
        write(root, "20240101000000_add_name/migration.sql", ADD_NAME);

        assertThat(load(root))
                .extracting(MigrationScript::id)
                .containsExactly("1_create_users", "20240101000000_add_name");
    }

    @Test
    void ignoresHiddenAndNonSqlFiles() {
        write(root, ".gitkeep", "");
        write(root, ".DS_Store", new byte[] {0, 1, 2, (byte) 0xFF});
        write(root, "README.md", "# Migrations\n");
        write(root, ".hidden.sql", "not a migration");
        write(root, ".old/V9__stale.sql", CREATE_USERS);
        write(root, "20240101000000_create_users/.gitkeep", "");
        write(root, "20240101000000_create_users/migration.sql", CREATE_USERS);

        assertThat(load(root)).extracting(MigrationScript::id).containsExactly("20240101000000_create_users");
    }

    @Test
    void returnsNothingForAnEmptyFolder() {
        assertThat(load(root)).isEmpty();
    }

    @Test
    void ordersFlywayVersionsNumerically() {
        write(root, "V10__ten.sql", CREATE_USERS);
        write(root, "V2__two.sql", CREATE_USERS);
        write(root, "V2.1__two_one.sql", CREATE_USERS);

        assertThat(load(root)).extracting(MigrationScript::id).containsExactly("2_two", "2.1_two_one", "10_ten");
    }

    @Test
    void ordersFoldersNumerically() {
        write(root, "10_ten/migration.sql", CREATE_USERS);
        write(root, "9_nine/migration.sql", CREATE_USERS);

        assertThat(load(root)).extracting(MigrationScript::id).containsExactly("9_nine", "10_ten");
    }

    @Test
    void mergesSeveralLocationsInVersionOrder(@TempDir Path other) {
        write(root, "20240101000000_create_users/migration.sql", CREATE_USERS);
        write(
                root,
                "20240103000000_drop_name/migration.sql",
                "-- slipway:phase contract\nALTER TABLE users DROP COLUMN name;\n");
        write(other, "20240102000000_add_name/migration.sql", ADD_NAME);

        List<MigrationScript> scripts = load(root, other);

        assertThat(scripts)
                .extracting(MigrationScript::id)
                .containsExactly("20240101000000_create_users", "20240102000000_add_name", "20240103000000_drop_name");
        assertThat(scripts.get(1).source()).isEqualTo(source(other, "20240102000000_add_name/migration.sql"));
    }

    @Test
    void readsAFileReachedThroughOverlappingLocationsOnce() {
        write(root, "team/V1__create_users.sql", CREATE_USERS);

        assertThat(load(root, root.resolve("team"), root))
                .extracting(MigrationScript::id)
                .containsExactly("1_create_users");
    }

    @Test
    void resolvesARelativeLocationAgainstTheWorkingDirectory() {
        write(root, "V1__create_users.sql", CREATE_USERS);
        Path relative = Path.of("").toAbsolutePath().relativize(root);

        List<MigrationScript> scripts = MigrationLoader.load(
                List.of("filesystem:" + relative), getClass().getClassLoader());

        assertThat(scripts)
                .singleElement()
                .satisfies(script -> assertThat(script.source()).isEqualTo(source(root, "V1__create_users.sql")));
    }

    @Test
    void refusesALocationThatDoesNotExist() {
        Path missing = root.resolve("no-such-folder");

        InvalidMigrationException refusal = refusal(() -> load(missing));

        assertThat(refusal.getSource()).isEqualTo("filesystem:" + missing);
        assertThat(refusal.getLine()).isZero();
        assertThat(refusal.getMessage()).contains("does not exist", "Create it", "the migration locations");
    }

    @Test
    void refusesALocationThatIsAFile() {
        Path file = write(root, "V1__create_users.sql", CREATE_USERS);

        InvalidMigrationException refusal = refusal(() -> load(file));

        assertThat(refusal.getSource()).isEqualTo("filesystem:" + file);
        assertThat(refusal.getMessage()).contains("is a file", "not a folder");
    }

    @Test
    void refusesAMigrationFolderWithoutMigrationSql() {
        write(root, "20240101000000_create_users/down.sql", "DROP TABLE users;\n");
        mkdirs(root, "20240102000000_empty");

        InvalidMigrationException refusal = refusal(() -> load(root));

        assertThat(refusal.getSource()).isEqualTo(source(root, "20240101000000_create_users"));
        assertThat(refusal.getMessage()).contains("has no migration.sql", "or delete the folder");
    }

    @Test
    void refusesAnEmptyMigrationFolder() {
        mkdirs(root, "20240102000000_empty");

        assertThat(refusal(() -> load(root)).getSource()).isEqualTo(source(root, "20240102000000_empty"));
    }

    @Test
    void refusesAFolderThatStartsWithDigitsButHasNoName() {
        write(root, "2024/V1__create_users.sql", CREATE_USERS);

        InvalidMigrationException refusal = refusal(() -> load(root));

        assertThat(refusal.getSource()).isEqualTo(source(root, "2024"));
        assertThat(refusal.getMessage())
                .contains("has no name", "Rename it <version>_<name>", "must not start with a digit");
    }

    @Test
    void refusesAFolderWhoseNameIsOnlyAVersionAndAnUnderscore() {
        write(root, "20240101000000_/migration.sql", CREATE_USERS);

        assertThat(refusal(() -> load(root)).getSource()).isEqualTo(source(root, "20240101000000_"));
    }

    @Test
    void refusesAFlywayFileWithASingleUnderscore() {
        write(root, "V1_init.sql", CREATE_USERS);

        InvalidMigrationException refusal = refusal(() -> load(root));

        assertThat(refusal.getSource()).isEqualTo(source(root, "V1_init.sql"));
        assertThat(refusal.getMessage()).contains("two underscores");
    }

    @Test
    void readsRepeatableMigrationsApartFromTheVersionedOnesInDescriptionOrder() {
        write(root, "V1__create_users.sql", CREATE_USERS);
        write(root, "R__refresh_views.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;\n");
        write(root, "functions/R__Audit_functions.sql", "-- slipway:transaction off\nSELECT 1;\nSELECT 2;\n");

        MigrationLoader.Found found = MigrationLoader.scanAll(
                List.of("filesystem:" + root), getClass().getClassLoader());

        assertThat(found.versioned()).extracting(MigrationText::id).containsExactly("1_create_users");
        assertThat(found.repeatable())
                .extracting(MigrationText::id)
                .containsExactly("R__Audit_functions", "R__refresh_views");
        assertThat(load(root)).extracting(MigrationScript::id).containsExactly("1_create_users");
        List<MigrationScript> repeatable = MigrationLoader.parse(found.repeatable());
        assertThat(repeatable.get(0).version()).isNull();
        assertThat(repeatable.get(0).repeatable()).isTrue();
        assertThat(repeatable.get(0).source()).isEqualTo(source(root, "functions/R__Audit_functions.sql"));
        assertThat(repeatable.get(0).transactional()).isFalse();
        assertThat(repeatable.get(0).statements()).hasSize(2);
        assertThat(repeatable.get(1).transactional()).isTrue();
    }

    @Test
    void refusesARepeatableMigrationThatDeclaresTheContractPhaseOrRequiresABackfill() {
        write(root, "R__views.sql", "-- slipway:lock-timeout 2s\n-- slipway:phase contract\nSELECT 1;\n");

        InvalidMigrationException contract = refusal(() -> MigrationLoader.parse(MigrationLoader.scanAll(
                        List.of("filesystem:" + root), getClass().getClassLoader())
                .repeatable()));

        assertThat(contract.getSource()).isEqualTo(source(root, "R__views.sql"));
        assertThat(contract.getLine()).isEqualTo(2);
        assertThat(contract.getMessage()).contains("cannot be a contract migration", "versioned migration");

        write(root, "R__views.sql", "-- slipway:phase expand\n-- slipway:requires-backfill users_email\nSELECT 1;\n");

        InvalidMigrationException backfill = refusal(() -> MigrationLoader.parse(MigrationLoader.scanAll(
                        List.of("filesystem:" + root), getClass().getClassLoader())
                .repeatable()));

        assertThat(backfill.getLine()).isEqualTo(2);
        assertThat(backfill.getMessage()).contains("cannot wait for backfills", "-- slipway:requires-backfill");
    }

    @Test
    void refusesUndoMigrations() {
        write(root, "V1__create_users.sql", CREATE_USERS);
        write(root, "U1__create_users.sql", "DROP TABLE users;\n");

        InvalidMigrationException refusal = refusal(() -> load(root));

        assertThat(refusal.getSource()).isEqualTo(source(root, "U1__create_users.sql"));
        assertThat(refusal.getMessage()).contains("undo migration", "write a new migration");
    }

    @Test
    void refusesASqlFileThatIsNotAMigrationName() {
        write(root, "sub/schema.sql", CREATE_USERS);

        InvalidMigrationException refusal = refusal(() -> load(root));

        assertThat(refusal.getSource()).isEqualTo(source(root, "sub/schema.sql"));
        assertThat(refusal.getMessage())
                .contains("schema.sql is not a migration name", "V<version>__<description>.sql");
    }

    @Test
    void refusesALowerCaseFlywayPrefix() {
        write(root, "v1__create_users.sql", CREATE_USERS);

        assertThat(refusal(() -> load(root)).getMessage()).contains("upper-case V", "V1__create_users.sql");
    }

    @Test
    void refusesMigrationSqlOutsideAMigrationFolder() {
        write(root, "migration.sql", CREATE_USERS);

        InvalidMigrationException refusal = refusal(() -> load(root));

        assertThat(refusal.getSource()).isEqualTo(source(root, "migration.sql"));
        assertThat(refusal.getMessage()).contains("not in a migration folder");
    }

    @Test
    void refusesTwoMigrationsWithTheSameVersionNamingBoth() {
        write(root, "20240101000000_create_users/migration.sql", CREATE_USERS);
        write(root, "20240101000000_add_name/migration.sql", ADD_NAME);

        InvalidMigrationException refusal = refusal(() -> load(root));

        assertThat(refusal.getMessage())
                .contains(
                        "Two migrations have version 20240101000000",
                        source(root, "20240101000000_create_users/migration.sql"),
                        source(root, "20240101000000_add_name/migration.sql"),
                        "new, higher version");
    }

    @Test
    void refusesVersionsThatDifferOnlyByTrailingZeros(@TempDir Path other) {
        write(root, "V1__create_users.sql", CREATE_USERS);
        write(other, "V1.0__add_name.sql", ADD_NAME);

        InvalidMigrationException refusal = refusal(() -> load(root, other));

        assertThat(refusal.getMessage())
                .contains(source(root, "V1__create_users.sql"), source(other, "V1.0__add_name.sql"));
    }

    @Test
    void refusesTheWholeSetWhenOneFileIsMalformed() {
        write(root, "V1__create_users.sql", CREATE_USERS);
        write(root, "V2__unterminated.sql", "-- nothing yet\nSELECT 'unterminated;\n");
        write(root, "V3__add_name.sql", ADD_NAME);

        InvalidMigrationException refusal = refusal(() -> load(root));

        assertThat(refusal.getSource()).isEqualTo(source(root, "V2__unterminated.sql"));
    }

    @Test
    void followsSymbolicLinksToMigrationFiles(@TempDir Path elsewhere) {
        Path target = write(elsewhere, "create_users.sql", CREATE_USERS);
        try {
            Files.createSymbolicLink(root.resolve("V1__create_users.sql"), target);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("symbolic links are not available here: " + e);
        }

        assertThat(load(root))
                .singleElement()
                .satisfies(script -> assertThat(script.source()).isEqualTo(source(root, "V1__create_users.sql")));
    }

    @Test
    void refusesALocationWithAnUnknownPrefix() {
        InvalidMigrationException refusal = refusal(
                () -> MigrationLoader.load(List.of("file:" + root), getClass().getClassLoader()));

        assertThat(refusal.getSource()).isEqualTo("file:" + root);
        assertThat(refusal.getMessage()).contains("'file:'", "classpath:<path> or filesystem:<folder>");
    }
}
