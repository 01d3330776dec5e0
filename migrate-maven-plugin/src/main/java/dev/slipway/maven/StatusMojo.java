package dev.slipway.maven;

import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.MigrationStatus;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.ValidationProblem;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints every migration on disk and in {@code slipway_migrations} (version, name, phase, state, when applied),
 * what an awaiting contract migration waits for, a failed one's error, the validation problems and the lock holder.
 * Changes nothing. By default it does not fail the build ({@code validate} does on problems); with
 * {@code failOnPending} it fails it unless the database is up to date, naming the migrations left to apply.
 */
@Mojo(name = "status", requiresProject = true, threadSafe = true)
public class StatusMojo extends AbstractSlipwayMojo {

    /**
     * Whether the build fails when migrations are pending or awaiting (and when one failed or validation finds a
     * problem): a check in CI that the database is up to date before the application is deployed.
     */
    @Parameter(property = "slipway.failOnPending", defaultValue = "false")
    boolean failOnPending;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Slipway slipway = slipway(null);
        MigrationStatus status = slipway.status();
        List<ValidationProblem> problems = status.problems();
        getLog().info("Migrations of " + describeDatabase() + " in "
                + String.join(", ", settings(true).config().locations()));
        if (status.migrations().isEmpty()) {
            getLog().info("No migrations.");
        } else {
            String format = "%-16s %-32s %-8s %-12s %s";
            getLog().info(String.format(Locale.ROOT, format, "VERSION", "NAME", "PHASE", "STATE", "APPLIED AT")
                    .stripTrailing());
            for (MigrationInfo m : status.migrations()) {
                getLog().info(String.format(
                                Locale.ROOT,
                                format,
                                m.version() == null ? "R" : m.version(),
                                m.name(),
                                m.phase() == null ? "" : m.phase().name().toLowerCase(Locale.ROOT),
                                m.state().name(),
                                applied(m) && m.finishedAt() != null ? TIME.format(m.finishedAt()) : "")
                        .stripTrailing());
                if (m.awaitingReason() != null) {
                    getLog().info("    waits for: " + m.awaitingReason());
                }
                if (m.error() != null
                        && (m.state() == MigrationState.FAILED
                                || m.state() == MigrationState.PENDING
                                || m.state() == MigrationState.ROLLED_BACK)) {
                    getLog().warn("    last error: " + mask(firstLines(m.error())));
                }
            }
        }
        getLog().info("Lock: "
                + status.lockHolder()
                        .map(StatusMojo::holder)
                        .map(h -> "held by " + h)
                        .orElse("free"));
        for (ValidationProblem problem : problems) {
            getLog().warn("Problem: " + problem.description());
        }
        int pending = status.pending().size();
        int awaiting = status.inState(MigrationState.AWAITING).size();
        if (!status.inState(MigrationState.FAILED).isEmpty() || !problems.isEmpty()) {
            getLog().warn("Needs attention: settle a failed migration with mvn slipway:resolve -Dslipway.version="
                    + "<version> -Dslipway.applied (or -Dslipway.rolledBack), or fix the problems above.");
        } else if (pending + awaiting > 0) {
            getLog().info("Pending: " + pending + (pending == 1 ? " migration" : " migrations")
                    + " to apply (mvn slipway:deploy), " + awaiting + " awaiting.");
        } else {
            int total = status.migrations().size();
            getLog().info("Up to date: " + total + (total == 1 ? " migration" : " migrations") + " applied.");
        }
        if (failOnPending) {
            String notUpToDate = notUpToDate(status, describeDatabase());
            if (notUpToDate != null) {
                throw new MojoFailureException(notUpToDate);
            }
        }
    }

    /**
     * Why the build fails with {@code failOnPending}: the migrations pending, awaiting or failed and the validation
     * problems, each named, and what to do; null when the database is up to date.
     */
    static String notUpToDate(MigrationStatus status, String database) {
        List<String> waiting = status.migrations().stream()
                .filter(m -> m.state() == MigrationState.PENDING
                        || m.state() == MigrationState.ROLLED_BACK
                        || m.state() == MigrationState.AWAITING)
                .map(m ->
                        m.id() + " (" + m.state() + (m.awaitingReason() == null ? "" : ": " + m.awaitingReason()) + ")")
                .toList();
        List<String> failed = status.inState(MigrationState.FAILED).stream()
                .map(MigrationInfo::id)
                .toList();
        if (waiting.isEmpty() && failed.isEmpty() && status.problems().isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder("The database " + database + " is not up to date (failOnPending):");
        waiting.forEach(m -> text.append("\n-> ").append(m));
        failed.forEach(m -> text.append("\n-> ").append(m).append(" (FAILED)"));
        status.problems().stream()
                .filter(p -> p.migration() == null || p.migration().state() != MigrationState.FAILED)
                .forEach(p -> text.append("\n-> problem: ")
                        .append(p.description().lines().findFirst().orElse("")));
        text.append(
                waiting.isEmpty()
                        ? ""
                        : "\nApply them with mvn slipway:deploy (contract migrations with -Dslipway.contract once their "
                                + "conditions hold).");
        text.append(
                failed.isEmpty() && status.problems().isEmpty()
                        ? ""
                        : "\nSettle a failed migration with mvn slipway:resolve, or fix the problems shown above.");
        return text.toString();
    }

    private static boolean applied(MigrationInfo m) {
        return switch (m.state()) {
            case APPLIED, BASELINE, MODIFIED, FUTURE, MISSING -> true;
            default -> false;
        };
    }

    /** The first two lines of an error (where it failed, and PostgreSQL's message) on one line. */
    private static String firstLines(String text) {
        String[] lines = text.strip().split("\\R");
        String shown = lines.length == 1 ? lines[0] : lines[0] + " " + lines[1];
        return lines.length > 2 ? shown + " ..." : shown;
    }

    private static String holder(LockHolder holder) {
        return "pid " + holder.pid()
                + (holder.applicationName() == null || holder.applicationName().isEmpty()
                        ? ""
                        : " (" + holder.applicationName() + ")");
    }
}
