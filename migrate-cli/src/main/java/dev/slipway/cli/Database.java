package dev.slipway.cli;

import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayListener;
import dev.slipway.migrate.backfill.Backfills;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The database a command works on: a data source of the settings' URL and login, checked by connecting once. */
final class Database {

    private final Settings settings;
    private final DataSource dataSource;

    private Database(Settings settings, DataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
    }

    static Database connect(Settings settings) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try {
            dataSource.setURL(settings.jdbcUrl());
        } catch (IllegalArgumentException e) {
            throw new CliException(
                    "The database URL " + DatabaseUrl.masked(settings.jdbcUrl()) + " is invalid: " + e.getMessage(),
                    "Correct --url.");
        }
        if (settings.user() != null) {
            dataSource.setUser(settings.user());
        }
        if (settings.password() != null) {
            dataSource.setPassword(settings.password());
        }
        dataSource.setApplicationName("slipway-cli");
        try (Connection connection = dataSource.getConnection()) {
            connection.isValid(0);
            return new Database(settings, dataSource);
        } catch (SQLException e) {
            throw new CliException(
                    "Cannot connect to " + describe(settings) + ": " + e.getMessage(),
                    "Check --url, --user and --password (or PGPASSWORD), and that the server accepts connections "
                            + "from here.");
        }
    }

    /** The URL and login for messages: the URL without its parameters, which may hold a password. */
    static String describe(Settings settings) {
        return urlWithoutParameters(settings) + (settings.user() == null ? "" : " as " + settings.user());
    }

    static String urlWithoutParameters(Settings settings) {
        String url = DatabaseUrl.masked(settings.jdbcUrl());
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    Slipway slipway(SlipwayListener listener) {
        Slipway.Builder builder = Slipway.builder(dataSource).config(settings.config());
        if (listener != null) {
            builder.listener(listener);
        }
        return builder.build();
    }

    Backfills backfills() {
        return Backfills.builder(dataSource).config(settings.config()).build();
    }

    Settings settings() {
        return settings;
    }
}
