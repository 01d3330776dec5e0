package dev.slipway.maven;

import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.MigrationStatus;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.ValidationProblem;
import dev.slipway.migrate.ValidationResult;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Prints every migration on disk and in {@code slipway_migrations} (version, name, phase, state, when applied),
 * what an awaiting contract migration waits for, a failed one's error, the validation problems and the lock holder.
 * Changes nothing and does not fail the build on pending or failed migrations ({@code validate} does on problems).
 */
@Mojo(name = "status", requiresProject = true, threadSafe = true)
public class StatusMojo extends AbstractSlipwayMojo {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    @Override
    void run() throws MojoExecutionException {
        Slipway slipway = slipway(null);
        MigrationStatus status = slipway.status();
        ValidationResult validation = slipway.validate();
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
        for (ValidationProblem problem : validation.problems()) {
            getLog().warn("Problem: " + problem.description());
        }
        int pending = status.pending().size();
        int awaiting = status.inState(MigrationState.AWAITING).size();
        if (!status.inState(MigrationState.FAILED).isEmpty() || !validation.isValid()) {
            getLog().warn("Needs attention: settle a failed migration with mvn slipway:resolve -Dslipway.version="
                    + "<version> -Dslipway.applied (or -Dslipway.rolledBack), or fix the problems above.");
        } else if (pending + awaiting > 0) {
            getLog().info("Pending: " + pending + (pending == 1 ? " migration" : " migrations")
                    + " to apply (mvn slipway:deploy), " + awaiting + " awaiting.");
        } else {
            int total = status.migrations().size();
            getLog().info("Up to date: " + total + (total == 1 ? " migration" : " migrations") + " applied.");
        }
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
