package dev.slipway.migrate.schema;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The migrations {@code slipway dev} writes for the difference between the migrations and the desired schema, split
 * for zero downtime, with the backfills to declare and the data the contract migrations would delete.
 *
 * <ol>
 *   <li>The expand statements go into one transactional migration {@code <version>_<name>}; each statement that
 *       cannot run in a transaction ({@code CREATE INDEX CONCURRENTLY}, ...) into a migration of its own with
 *       {@code -- slipway:transaction off}, in plan order (a transactional step after such a statement starts a
 *       further migration).</li>
 *   <li>The contract statements go into {@code <version>_<name>_contract} with {@code -- slipway:phase contract} and
 *       {@code -- slipway:requires-backfill} for each {@link BackfillToDeclare}.</li>
 *   <li>Each statement is preceded by a {@code -- hazards:} comment line and ended by {@code ;}. A statement that
 *       deletes data carries {@code -- slipway:allow data-loss} without a reason, which the linter refuses until the
 *       user writes why the data may go (a rename's drop of the old column carries its own reason: the backfill
 *       copied the values).</li>
 * </ol>
 *
 * @param files the migration files to write, in version order
 * @param backfills the backfills the application must declare for the contract migrations to apply
 * @param warnings the data the contract migrations delete, counted on the development database
 */
public record DevMigrations(List<File> files, List<BackfillToDeclare> backfills, List<DataLossWarning> warnings) {

    public DevMigrations {
        files = List.copyOf(files);
        backfills = List.copyOf(backfills);
        warnings = List.copyOf(warnings);
    }

    /** Whether there is nothing to write: the migrations already give the desired schema. */
    public boolean isEmpty() {
        return files.isEmpty();
    }

    /**
     * Writes every file under the migrations folder, creating the migration folders.
     *
     * @param folder the migrations folder ({@code src/main/resources/db/migrations})
     * @return the files written
     * @throws SlipwayException naming the file when one exists already or cannot be written
     */
    public List<Path> writeTo(Path folder) {
        Objects.requireNonNull(folder, "'folder' must not be null");
        for (File file : files) {
            Path target = folder.resolve(file.path());
            if (Files.exists(target) || Files.exists(target.getParent())) {
                throw new SlipwayException(
                        SlipwayError.OTHER,
                        "The migration folder " + target.getParent() + " exists already; nothing was written.",
                        Action.text("Remove it, or generate the migrations again with a later clock."));
            }
        }
        List<Path> written = new java.util.ArrayList<>();
        for (File file : files) {
            Path target = folder.resolve(file.path());
            try {
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.text(), StandardCharsets.UTF_8);
                written.add(target);
            } catch (IOException e) {
                throw new SlipwayException(
                        SlipwayError.READ_FAILED,
                        "Could not write the migration file " + target + ": " + e.getMessage(),
                        Action.text("Check that the folder " + folder + " can be written."),
                        e);
            }
        }
        return List.copyOf(written);
    }

    /** A readable summary: the files, the backfills to declare (as Java) and the data-loss warnings. */
    public String describe() {
        if (isEmpty()) {
            return "The migrations already give the desired schema: nothing to write.\n";
        }
        StringBuilder text = new StringBuilder();
        text.append("Migrations to write:\n");
        files.forEach(file -> text.append("  ").append(file.path()).append('\n'));
        if (!backfills.isEmpty()) {
            text.append("\nBackfills to declare (the contract migration waits until each is completed):\n");
            for (BackfillToDeclare backfill : backfills) {
                text.append("\n// ").append(backfill.reason()).append('\n').append(backfill.java());
            }
        }
        if (!warnings.isEmpty()) {
            text.append("\nWarnings:\n");
            warnings.forEach(
                    warning -> text.append("  - ").append(warning.message()).append('\n'));
        }
        return text.toString();
    }

    /**
     * One file to write.
     *
     * @param path relative to the migrations folder: {@code 20260101120000_add_email/migration.sql}, always with
     *     {@code /}
     * @param text its content
     */
    public record File(String path, String text) {
        public File {
            Objects.requireNonNull(path, "'path' must not be null");
            Objects.requireNonNull(text, "'text' must not be null");
        }

        /** The migration's id: the folder name, {@code <version>_<name>}. */
        public String migration() {
            return path.substring(0, path.indexOf('/'));
        }
    }

    /**
     * A backfill the application must declare ({@link dev.slipway.migrate.backfill.Backfill}) so that the contract
     * migration that requires it can apply.
     *
     * @param name its name, as the contract migration's {@code -- slipway:requires-backfill} gives it
     * @param table the table it updates
     * @param set the {@code SET} expression, or null when Slipway cannot derive it and the user must write it
     * @param where the rows still to do
     * @param requires the expand migration that must be applied before its first batch
     * @param reason why it is needed, in a sentence
     * @param java a Java snippet declaring it; where the {@code set} expression is not known, the snippet says in a
     *     comment what to write and does not compile until written
     */
    public record BackfillToDeclare(
            String name, QualifiedName table, String set, String where, String requires, String reason, String java) {}

    /**
     * Data a contract migration deletes, counted on the development database.
     *
     * @param migration the migration that deletes it
     * @param table the table
     * @param column the column, or null for the whole table
     * @param count the rows or values lost; empty when they cannot be counted
     * @param message the warning in a sentence, as Prisma words it
     */
    public record DataLossWarning(
            String migration, QualifiedName table, String column, OptionalLong count, String message) {}
}
