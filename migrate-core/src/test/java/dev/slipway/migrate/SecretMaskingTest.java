package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A login password in a migration that fails appears nowhere Slipway shows or stores the statement: not in the
 * exception (message, PostgreSQL's fields, the driver's exception it wraps, its stack trace as a log prints it), not
 * in the history's {@code logs}, not in the status, not in the log.
 */
@ExtendWith(PostgresExtension.class)
class SecretMaskingTest {

    private static final String SECRET = "MigLiteralPW-9876";

    private final TestDatabase db;
    private MigrationFiles files;
    private String schema;
    private String role;

    SecretMaskingTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp(@TempDir Path dir, TestInfo test) {
        files = new MigrationFiles(dir);
        schema = MigrationFiles.schemaFor("s_", test);
        // roles belong to the whole server: one of this database's own
        role = "app_reader_" + db.name();
    }

    private Slipway slipway() {
        return Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
    }

    @Test
    @ResourceLock(Resources.SYSTEM_ERR)
    void aFailedCreateRoleShowsItsPasswordNowhere() throws Exception {
        db.execute("CREATE ROLE " + role);
        try {
            files.add("1_reader", "CREATE ROLE " + role + " LOGIN PASSWORD '" + SECRET + "';");

            AtomicReference<MigrationFailedException> failure = new AtomicReference<>();
            List<String> log = StandardErrorCapture.linesWrittenBy(() -> failure.set(catchThrowableOfType(
                    MigrationFailedException.class, () -> slipway().migrate())));

            MigrationFailedException e = failure.get();
            assertThat(e).isNotNull();
            assertThat(e.getMessage())
                    .contains("already exists")
                    .contains("-> statement 1: CREATE ROLE " + role + " LOGIN PASSWORD '***'");
            assertNowhere(e, log);
        } finally {
            db.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    @ResourceLock(Resources.SYSTEM_ERR)
    void aPasswordPostgresQuotesBackInASyntaxErrorIsHiddenThereToo() throws Exception {
        files.add("1_ok", "CREATE TABLE t (id int);")
                .add(
                        "2_reader",
                        "CREATE TABLE u (id int);\n" + "CREATE ROLE " + role + " LOGIN ENCRYPTED PASSWORD E'" + SECRET
                                + "' '" + SECRET + "';");

        AtomicReference<MigrationFailedException> failure = new AtomicReference<>();
        List<String> log = StandardErrorCapture.linesWrittenBy(() -> failure.set(catchThrowableOfType(
                MigrationFailedException.class, () -> slipway().migrate())));

        MigrationFailedException e = failure.get();
        assertThat(e).isNotNull();
        // PostgreSQL names the literal it stopped at; the driver's own message repeats it
        assertThat(e.getServerMessage()).isEqualTo("syntax error at or near \"'***'\"");
        assertThat(e.getMessage())
                .contains("Migration 2_reader failed at statement 2 (line 2)")
                .contains("ENCRYPTED PASSWORD '***' '***'");
        assertThat(e.getCause()).isInstanceOf(java.sql.SQLException.class);
        assertThat(((java.sql.SQLException) e.getCause()).getSQLState()).isEqualTo("42601");
        assertThat(db.queryLong("SELECT count(*) FROM pg_roles WHERE rolname = '" + role + "'"))
                .isZero();
        assertNowhere(e, log);
    }

    /** The secret in none of what a user, a log or the endpoint gets to see, the exception's cause included. */
    private void assertNowhere(MigrationFailedException e, List<String> log) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).contains("MigrationFailedException").doesNotContain(SECRET);
        assertThat(e.getServerMessage()).doesNotContain(SECRET);
        assertThat(String.valueOf(e.getDetail())).doesNotContain(SECRET);
        assertThat(String.valueOf(e.getHint())).doesNotContain(SECRET);
        assertThat(db.queryString("SELECT string_agg(logs, ' | ') FROM " + schema + ".slipway_migrations"))
                .contains("PASSWORD '***'")
                .doesNotContain(SECRET);
        assertThat(slipway().status().migrations())
                .anySatisfy(info -> assertThat(info.error()).contains("PASSWORD '***'"));
        assertThat(slipway().status().migrations())
                .allSatisfy(info -> assertThat(String.valueOf(info.error())).doesNotContain(SECRET));
        assertThat(log).noneMatch(line -> line.contains(SECRET));
    }
}
