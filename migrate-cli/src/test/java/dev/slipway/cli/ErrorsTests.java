package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.ExistingSchemaException;
import dev.slipway.migrate.Setting;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.TransactionPoolerException;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.BackfillStateException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorsTests {

    @Test
    void showsAnOptionMistakeWithWhatToDoOnItsOwnLine() {
        assertThat(Errors.text(new CliException("No database to connect to.", "Give --url."), null))
                .isEqualTo("No database to connect to.\nGive --url.");
    }

    @Test
    void namesTheShadowDatabaseByItsOption() {
        String text = Errors.text(
                new SlipwayException(
                        SlipwayError.DATABASE_ERROR,
                        "The login app may not create databases.",
                        Action.of(
                                "Give the login CREATEDB, or name with {} a database of its own.", Setting.SHADOW_URL)),
                null);

        assertThat(text)
                .isEqualTo("The login app may not create databases.\n"
                        + "Give the login CREATEDB, or name with --shadow-url a database of its own.");
    }

    @Test
    void masksThePasswordWhereverAMessageRepeatsIt() {
        String text = Errors.text(
                new SlipwayException(
                        "Cannot use jdbc:postgresql://db/x?password=hunter22&ssl=true" + " (login app/hunter22)"),
                "hunter22");

        assertThat(text).doesNotContain("hunter22").contains("password=****", "app/****");
    }

    @Test
    void saysAnActionWithTheCommandLinesOptionsNeverWithSpringProperties() {
        String text = Errors.text(new TransactionPoolerException("two connections got server session 4711"), null);

        assertThat(text)
                .contains("server session 4711")
                .contains("--url")
                .doesNotContain("slipway.datasource")
                .doesNotContain("--config");
    }

    @Test
    void saysWhereAPropertyGoesAndHowToBaselineFromTheCommandLine() {
        String text = Errors.text(
                new ExistingSchemaException("app", List.of("table app.users"), 1, "20240101000000", null), null);

        assertThat(text)
                .contains("table app.users")
                .contains("slipway.baseline.version=")
                .contains("slipway baseline <version>")
                .contains("--config")
                .doesNotContain("slipway.datasource.url");
    }

    @Test
    void showsABackfillRefusalAsItsDescriptionThenItsAction() {
        String text = Errors.text(
                new BackfillStateException(
                        "users_display_name",
                        BackfillState.COMPLETED,
                        "Backfill users_display_name is COMPLETED, so it cannot be paused; nothing was changed.",
                        Action.text("There is nothing left to do.")),
                null);

        assertThat(text)
                .isEqualTo("Backfill users_display_name is COMPLETED, so it cannot be paused; nothing was changed.\n"
                        + "There is nothing left to do.");
    }

    @Test
    void namesTheSchemaOptionForAMissingSchema() {
        String text = Errors.text(
                new SlipwayException(
                        SlipwayError.SCHEMA_NOT_FOUND,
                        "The connection has no current schema.",
                        Action.of("Set {} to the schema where Slipway keeps slipway_backfills.", Setting.SCHEMA)),
                null);

        assertThat(text).endsWith("Set --schema to the schema where Slipway keeps slipway_backfills.");
    }

    @Test
    void writesTheErrorCodeOfASlipwayErrorInJson() {
        Map<String, Object> json = Errors.json(new TransactionPoolerException("same pid"), null);

        assertThat(Json.write(json)).contains("\"code\": \"TRANSACTION_POOLER\"");
    }

    @Test
    void namesTheSqlStateOfADriverError() {
        assertThat(Errors.text(new SQLException("FATAL: role \"x\" does not exist", "28000"), null))
                .isEqualTo("The database refused: FATAL: role \"x\" does not exist (SQLSTATE 28000)");
    }

    @Test
    void writesTheErrorAsJson() {
        Map<String, Object> json = Errors.json(new CliException("Bad.", "Fix it."), null);

        assertThat(Json.write(json)).isEqualTo("""
                {
                  "error": {
                    "type": "usage",
                    "message": "Bad.\\nFix it."
                  }
                }""");
    }

    @Test
    void escapesStringsAndWritesEmptyCollections() {
        assertThat(Json.write(Map.of("a", "quote \" back \\ tab \t ctl \u0001")))
                .isEqualTo("{\n  \"a\": \"quote \\\" back \\\\ tab \\t ctl \\u0001\"\n}");
        assertThat(Json.write(List.of())).isEqualTo("[]");
        assertThat(Json.write(Map.of())).isEqualTo("{}");
    }
}
