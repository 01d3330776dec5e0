package dev.slipway.maven;

import dev.slipway.maven.entities.EntitiesException;
import dev.slipway.maven.entities.EntitiesExporter;
import dev.slipway.migrate.schema.PlanStep;
import dev.slipway.migrate.schema.SchemaDiff;
import dev.slipway.migrate.schema.SchemaPlan;
import dev.slipway.migrate.schema.UnsupportedObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What {@code diff}, {@code dev} and {@code drift} share: the schema sources as the command line names them
 * ({@code url:...}, {@code migrations[:...]}, {@code schema[:...]}, {@code empty}) plus {@code entities}, the
 * application's JPA model exported by Hibernate ({@link EntitiesExporter}) into
 * {@code target/slipway/entities/entities.sql} and read as {@code schema:} that folder; and a {@link SchemaDiff}
 * on the configured database's server, where scratch databases are created (or on {@code shadowUrl}).
 */
abstract class AbstractSchemaMojo extends AbstractSlipwayMojo {

    static final String ENTITIES = "entities";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /**
     * A database the schema diff may empty and replay into instead of creating scratch databases, for a login that
     * may not create databases (Prisma's shadow database). Everything in it is dropped.
     */
    @Parameter(property = "slipway.shadowUrl")
    String shadowUrl;

    /**
     * The folder {@code schema} alone means; default {@code src/main/resources/db/schema} of the project.
     */
    @Parameter(property = "slipway.schemaFolder")
    File schemaFolder;

    /**
     * The Hibernate physical naming strategy of the {@code entities} source; default Hibernate's
     * {@code CamelCaseToUnderscoresNamingStrategy}, as Spring Boot configures it.
     */
    @Parameter(property = "slipway.physicalNamingStrategy")
    String physicalNamingStrategy;

    /**
     * The Hibernate implicit naming strategy of the {@code entities} source; default Spring Boot's
     * {@code SpringImplicitNamingStrategy} when it is on the classpath.
     */
    @Parameter(property = "slipway.implicitNamingStrategy")
    String implicitNamingStrategy;

    private String entitiesSource;

    /** The schema folder of the project. */
    Path schemaFolderPath() {
        if (schemaFolder == null) {
            return basedir.toPath().resolve(SchemaDiff.DEFAULT_SCHEMA_FOLDER);
        }
        return schemaFolder.isAbsolute()
                ? schemaFolder.toPath()
                : basedir.toPath().resolve(schemaFolder.toPath());
    }

    /**
     * The desired schema when none is named: {@code schema} when the project has the schema folder, else
     * {@code entities} when Hibernate is a dependency.
     */
    String defaultDesiredSource(String parameter) throws MojoExecutionException {
        if (Files.isDirectory(schemaFolderPath())) {
            return "schema";
        }
        if (project != null
                && project.getArtifacts().stream()
                        .anyMatch(a -> a.getArtifactId().equals("hibernate-core"))) {
            return ENTITIES;
        }
        throw new MojoExecutionException("No desired schema: the project has no " + schemaFolderPath()
                + " and no Hibernate (for its JPA entities).\nGive " + parameter
                + "=schema:<folder>, entities, url:jdbc:postgresql://... or migrations:<location>.");
    }

    /** The source as {@link SchemaDiff} reads it: {@code entities} exported first, {@code schema:} in the project. */
    String source(String text) throws MojoExecutionException {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.equals(ENTITIES)) {
            if (entitiesSource == null) {
                entitiesSource = "schema:" + exportEntities();
            }
            return entitiesSource;
        }
        if (trimmed.startsWith("migrations:")) {
            // Locations as the project has them: relative folders in the project, classpath: under its resources.
            return "migrations:"
                    + java.util.Arrays.stream(
                                    trimmed.substring("migrations:".length()).split(","))
                            .map(String::trim)
                            .filter(l -> !l.isEmpty())
                            .map(l -> l.startsWith("classpath:")
                                    ? "filesystem:"
                                            + basedir.toPath()
                                                    .resolve("src/main/resources")
                                                    .resolve(l.substring("classpath:".length())
                                                            .replaceFirst("^/+", ""))
                                    : inProject(l))
                            .collect(Collectors.joining(","));
        }
        if (trimmed.startsWith("schema:")) {
            Path folder = Path.of(trimmed.substring("schema:".length()));
            return "schema:" + (folder.isAbsolute() ? folder : basedir.toPath().resolve(folder));
        }
        return trimmed;
    }

    /** The schema diff on the configured database's server. */
    SchemaDiff schemaDiff() throws MojoExecutionException {
        return schemaDiff(true);
    }

    /**
     * The schema diff; {@code reprint} false for {@code drift}, which compares a database with the very migrations
     * that built it (see {@link SchemaDiff.Builder#reprintDefinitions}).
     */
    SchemaDiff schemaDiff(boolean reprint) throws MojoExecutionException {
        dataSource(); // connects once: a wrong URL or password fails here with the plugin's words
        Resolved settings = settings(true);
        SchemaDiff.Builder builder = SchemaDiff.builder()
                .reprintDefinitions(reprint)
                .connection(settings.jdbcUrl(), settings.user(), settings.password())
                .locations(settings.config().locations())
                .schemaFolder(schemaFolderPath())
                .schema(settings.config().schema());
        if (shadowUrl != null && !shadowUrl.isBlank()) {
            builder.shadowUrl(shadowUrl.trim());
        }
        return builder.build();
    }

    /** Exports the entities, returning the folder of the script. */
    private Path exportEntities() throws MojoExecutionException {
        int[] version = serverVersion();
        Path output =
                Path.of(project.getBuild().getDirectory()).resolve("slipway").resolve(ENTITIES);
        List<Path> classpath = new ArrayList<>();
        try {
            for (String element : project.getRuntimeClasspathElements()) {
                classpath.add(Path.of(element));
            }
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException(
                    "The project's dependencies are not resolved: " + e.getMessage() + "\nRun mvn dependency:resolve.",
                    e);
        }
        try {
            EntitiesExporter.Result result = EntitiesExporter.export(
                    new EntitiesExporter.Request(
                            Path.of(project.getBuild().getOutputDirectory()),
                            project.getCompileSourceRoots().stream()
                                    .map(Path::of)
                                    .toList(),
                            classpath,
                            output,
                            version[0],
                            version[1],
                            blankToNull(physicalNamingStrategy),
                            blankToNull(implicitNamingStrategy)),
                    getLog()::warn);
            getLog().info("Entities: " + result.classes().size()
                    + (result.classes().size() == 1 ? " class" : " classes") + " exported by Hibernate to "
                    + result.script());
            return output;
        } catch (EntitiesException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** The development server's version, for Hibernate's dialect. */
    private int[] serverVersion() throws MojoExecutionException {
        try (Connection connection = dataSource().getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return new int[] {meta.getDatabaseMajorVersion(), meta.getDatabaseMinorVersion()};
        } catch (SQLException e) {
            throw new MojoExecutionException(
                    mask("Cannot read the server version of " + describeDatabase() + ": " + e.getMessage()
                            + "\nCheck -Dslipway.url and that the server accepts connections from here."),
                    e);
        }
    }

    /** A plan as the goals print it: each statement after a comment with its object, phase and hazards. */
    static List<String> describe(SchemaPlan plan) {
        List<String> lines = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            String hazards = step.hazards().stream()
                    .sorted()
                    .map(h -> h.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " (" + h.description() + ")")
                    .collect(Collectors.joining("; "));
            lines.add("-- " + step.object() + " [" + step.phase().name().toLowerCase(Locale.ROOT)
                    + (step.transactional() ? "" : ", outside a transaction") + "]"
                    + (hazards.isEmpty() ? "" : ": " + hazards));
            step.sql().lines().forEach(lines::add);
            lines.set(lines.size() - 1, lines.get(lines.size() - 1) + ";");
        }
        for (UnsupportedObject object : plan.unsupported()) {
            lines.add("-- not handled by the plan: " + object.kind() + " " + object.name());
        }
        return lines;
    }

    /** {@code 3 statements} */
    static String count(SchemaPlan plan) {
        int n = plan.steps().size();
        return n
                + (n == 1 ? " statement" : " statements")
                + (plan.unsupported().isEmpty()
                        ? ""
                        : " and " + plan.unsupported().size() + " object(s) not handled");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
