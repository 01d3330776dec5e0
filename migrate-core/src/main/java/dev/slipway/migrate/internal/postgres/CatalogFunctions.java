package dev.slipway.migrate.internal.postgres;

import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.lint.FunctionVolatility;
import dev.slipway.migrate.internal.lint.FunctionVolatility.Volatility;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The volatility of the database's functions, for the linter at {@code migrate()}: one query of {@code pg_proc}
 * (every schema, the application's functions and the installed extensions' included), by name, the most volatile
 * of a name's overloads. A name the catalog does not hold yet (a function or extension that a pending migration
 * creates) falls back to {@link FunctionVolatility#offline()}.
 */
public final class CatalogFunctions {

    private CatalogFunctions() {}

    public static FunctionVolatility volatility(Connection c) throws SQLException {
        List<String[]> rows =
                Jdbc.query(c, "SELECT proname, max(provolatile::text) FROM pg_proc GROUP BY proname", rs ->
                        new String[] {rs.getString(1), rs.getString(2)});
        Map<String, Volatility> functions = new HashMap<>();
        for (String[] row : rows) {
            functions.put(row[0], Volatility.ofCode(row[1]));
        }
        FunctionVolatility catalog = functions::get;
        return catalog.orElse(FunctionVolatility.offline());
    }
}
