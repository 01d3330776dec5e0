package dev.slipway.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The connection and configuration options every command that reads migrations takes. */
public final class ConnectionOptions {

    @Option(
            names = "--url",
            paramLabel = "<url>",
            order = 1,
            description = "The database: jdbc:postgresql://host:5432/db or postgresql://user:password@host:5432/db"
                    + "?schema=app (as in Prisma's DATABASE_URL). Default: the configuration file's, else the "
                    + "environment variable SLIPWAY_URL, else DATABASE_URL.")
    public String url;

    @Option(
            names = "--user",
            paramLabel = "<user>",
            order = 2,
            description = "The login. Default: the URL's, the configuration file's, else PGUSER.")
    public String user;

    @Option(
            names = "--password",
            paramLabel = "<password>",
            order = 3,
            description =
                    "The password (never printed). Default: the URL's, the configuration file's, else " + "PGPASSWORD.")
    public String password;

    @Option(
            names = "--schema",
            paramLabel = "<schema>",
            order = 4,
            description = "The schema to migrate, where slipway_migrations lives. Default: slipway.schema, the "
                    + "URL's schema parameter, else the login's current schema.")
    public String schema;

    @Option(
            names = "--locations",
            paramLabel = "<location>",
            split = ",",
            order = 5,
            description = "Where the migrations are, comma-separated: filesystem:<folder> (classpath:<path> is read "
                    + "under src/main/resources, or next to --config). Default: slipway.locations, else "
                    + Settings.DEFAULT_LOCATION + ".")
    public List<String> locations = new ArrayList<>();

    @Option(
            names = "--config",
            paramLabel = "<file>",
            order = 6,
            description = "A Spring Boot application's application.yml or application.properties: its "
                    + "spring.datasource.* and slipway.* are used (slipway.datasource.* first, as the starter "
                    + "does); options given here override them.")
    public Path config;

    @Option(
            names = "--profile",
            paramLabel = "<profile>",
            split = ",",
            order = 7,
            description = "Spring profiles for --config (application-<profile>.yml and on-profile documents). "
                    + "Default: the file's spring.profiles.active.")
    public List<String> profiles = new ArrayList<>();
}
