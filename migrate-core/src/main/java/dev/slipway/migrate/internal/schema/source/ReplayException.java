package dev.slipway.migrate.internal.schema.source;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.internal.postgres.ServerError;
import dev.slipway.migrate.internal.sql.SqlStatement;
import java.sql.SQLException;

/** Builds the error of a statement that failed while files were replayed into a scratch database. */
final class ReplayException {

    private ReplayException() {}

    static SlipwayException of(String what, String source, SqlStatement statement, SQLException e, String fix) {
        int line = statement.line();
        ServerError error = ServerError.from(e);
        String position = error.position() > 0 ? " (error at line " + statement.lineOf(error.position()) + ")" : "";
        return new SlipwayException(
                SlipwayError.MIGRATION_FAILED,
                what + " failed when replayed into a scratch database, at statement " + statement.number()
                        + " (line " + line + " of " + source + ")" + position + ": " + firstLine(error.message())
                        + " (SQLSTATE " + error.sqlState() + ")",
                Action.text(fix),
                e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
