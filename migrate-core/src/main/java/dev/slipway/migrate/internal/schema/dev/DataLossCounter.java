package dev.slipway.migrate.internal.schema.dev;

import dev.slipway.migrate.schema.Column;
import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.DevMigrations.DataLossWarning;
import dev.slipway.migrate.schema.EnumType;
import dev.slipway.migrate.schema.Identifiers;
import dev.slipway.migrate.schema.QualifiedName;
import dev.slipway.migrate.schema.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts, on the development database, the data the contract migrations delete (as Prisma does before {@code migrate
 * dev}): rows of a dropped table, non-null values of a dropped column, rows holding an enum label removed, and values
 * too long for a {@code character varying} made shorter (other type changes are not counted).
 * A table the development database does not hold has nothing to lose; nothing is reported for a count of zero.
 */
final class DataLossCounter {

    private static final Pattern VARCHAR = Pattern.compile("character varying\\((\\d+)\\)");

    private DataLossCounter() {}

    static List<DataLossWarning> count(
            Connection connection, DatabaseSchema start, DatabaseSchema to, Renames renames, String migration)
            throws SQLException {
        List<DataLossWarning> warnings = new ArrayList<>();
        for (Table table : start.tables()) {
            Optional<Table> after = to.table(table.name());
            QualifiedName live = liveName(table.name(), renames);
            if (after.isEmpty()) {
                long rows = count(connection, live, "SELECT count(*) FROM " + live.toSql());
                if (rows > 0) {
                    warnings.add(new DataLossWarning(
                            migration,
                            table.name(),
                            null,
                            OptionalLong.of(rows),
                            "You are about to drop the `" + table.name().name() + "` table, which is not empty (" + rows
                                    + " row" + (rows == 1 ? "" : "s") + ")."));
                }
                continue;
            }
            for (Column column : table.columns()) {
                Optional<Column> now = after.get().column(column.name());
                String c = Identifiers.quote(column.name());
                if (now.isEmpty()) {
                    if (renames.columnRenamedFrom(table.name(), column.name()).isPresent()) {
                        continue;
                    }
                    long values = count(connection, live, "SELECT count(" + c + ") FROM " + live.toSql());
                    if (values > 0) {
                        warnings.add(new DataLossWarning(
                                migration,
                                table.name(),
                                column.name(),
                                OptionalLong.of(values),
                                "You are about to drop the column `" + column.name() + "` on the `"
                                        + table.name().name() + "` table, which still contains " + values
                                        + " non-null value" + (values == 1 ? "" : "s") + "."));
                    }
                } else if (!now.get().type().equals(column.type())) {
                    narrowed(connection, live, table, column, now.get(), migration, warnings);
                }
            }
        }
        for (EnumType type : start.enums()) {
            Optional<EnumType> after = to.enums().stream()
                    .filter(e -> e.name().equals(type.name()))
                    .findFirst();
            if (after.isEmpty()) {
                continue;
            }
            for (String label : type.labels()) {
                if (after.get().labels().contains(label)) {
                    continue;
                }
                for (Table table : start.tables()) {
                    for (Column column : table.columns()) {
                        if (!column.type().equals(type.name().toSql())
                                && !column.type().equals(type.name().toString())) {
                            continue;
                        }
                        QualifiedName live = liveName(table.name(), renames);
                        long rows = count(
                                connection,
                                live,
                                "SELECT count(*) FROM " + live.toSql() + " WHERE " + Identifiers.quote(column.name())
                                        + "::text = " + Identifiers.literal(label));
                        if (rows > 0) {
                            warnings.add(new DataLossWarning(
                                    migration,
                                    table.name(),
                                    column.name(),
                                    OptionalLong.of(rows),
                                    "You are about to remove the value `" + label + "` from the enum `"
                                            + type.name().name() + "`, which is used by " + rows + " row"
                                            + (rows == 1 ? "" : "s") + " of the column `" + column.name()
                                            + "` on the `" + table.name().name() + "` table: the change fails until"
                                            + " they hold another value."));
                        }
                    }
                }
            }
        }
        return warnings;
    }

    private static void narrowed(
            Connection connection,
            QualifiedName live,
            Table table,
            Column was,
            Column now,
            String migration,
            List<DataLossWarning> warnings)
            throws SQLException {
        Matcher before = VARCHAR.matcher(was.type());
        Matcher after = VARCHAR.matcher(now.type());
        if (!after.matches()
                || !(was.type().equals("text")
                        || was.type().equals("character varying")
                        || before.matches() && Integer.parseInt(before.group(1)) > Integer.parseInt(after.group(1)))) {
            return; // other type changes are not counted
        }
        int limit = Integer.parseInt(after.group(1));
        long rows = count(
                connection,
                live,
                "SELECT count(*) FROM " + live.toSql() + " WHERE char_length(" + Identifiers.quote(was.name()) + ") > "
                        + limit);
        if (rows > 0) {
            warnings.add(new DataLossWarning(
                    migration,
                    table.name(),
                    was.name(),
                    OptionalLong.of(rows),
                    "You are about to change the column `" + was.name() + "` on the `"
                            + table.name().name()
                            + "` table from " + was.type() + " to " + now.type() + ": " + rows + " row"
                            + (rows == 1 ? " holds a value" : "s hold values") + " longer than " + limit
                            + " characters, and the change fails on them."));
        }
    }

    private static QualifiedName liveName(QualifiedName name, Renames renames) {
        for (Renames.TableRename rename : renames.tables) {
            if (rename.to().equals(name)) {
                return rename.from();
            }
        }
        return name;
    }

    private static long count(Connection connection, QualifiedName table, String sql) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, table.toSql());
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
