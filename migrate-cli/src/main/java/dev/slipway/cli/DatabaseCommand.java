package dev.slipway.cli;

import picocli.CommandLine.Mixin;

/** A command that reads the migrations and connects to the database. */
abstract class DatabaseCommand extends CliCommand {

    @Mixin
    ConnectionOptions connection;

    private Settings settings;

    Settings settings(boolean needsDatabase) {
        settings = Settings.resolve(connection, environment, needsDatabase);
        return settings;
    }

    Database database() {
        return Database.connect(settings(true));
    }

    /** The password in use, to mask it in any error; null when there is none yet. */
    String knownPassword() {
        if (settings != null && settings.password() != null) {
            return settings.password();
        }
        if (connection.password != null) {
            return connection.password;
        }
        return environment == null ? null : environment.apply("PGPASSWORD");
    }
}
