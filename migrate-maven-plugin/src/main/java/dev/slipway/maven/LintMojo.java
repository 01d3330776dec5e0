package dev.slipway.maven;

import dev.slipway.migrate.lint.LintFinding;
import dev.slipway.migrate.lint.LintReport;
import dev.slipway.migrate.lint.SlipwayLint;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks every migration file for unsafe DDL (each finding with its file, line, statement, rule, lock and the safe
 * alternative) and fails the build on an error; warnings are printed. Needs no database. Bound to
 * {@code validate} by default when listed in the build's executions.
 */
@Mojo(name = "lint", requiresProject = true, threadSafe = true, defaultPhase = LifecyclePhase.VALIDATE)
public class LintMojo extends AbstractSlipwayMojo {

    /**
     * Leaves out the findings of the migrations up to and including this version; default: the application file's
     * {@code slipway.lint.start-after}.
     */
    @Parameter(property = "slipway.startAfter")
    String startAfter;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        List<String> locations = settings(false).config().locations();
        String after = startAfter != null && !startAfter.isBlank()
                ? startAfter.trim()
                : settings(false).config().lintStartAfter();
        ClassLoader loader = LintMojo.class.getClassLoader();
        LintReport report;
        if (after == null) {
            report = SlipwayLint.lint(locations, loader);
        } else {
            try {
                report = SlipwayLint.startAfter(after).lint(locations, loader);
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException(
                        "-Dslipway.startAfter=" + after + " is not a migration version: " + e.getMessage()
                                + "\nGive the version of a migration, e.g. 20240301000000 or 2.1.",
                        e);
            }
        }
        for (LintFinding warning : report.warnings()) {
            getLog().warn(warning.message());
        }
        int errors = report.errors().size();
        int warnings = report.warnings().size();
        String counts = errors + (errors == 1 ? " error, " : " errors, ") + warnings
                + (warnings == 1 ? " warning" : " warnings") + " in " + String.join(", ", locations)
                + (after == null ? "" : " (after " + after + ")");
        if (report.hasErrors()) {
            StringBuilder text = new StringBuilder();
            for (LintFinding error : report.errors()) {
                text.append(error.message()).append("\n\n");
            }
            text.append("Unsafe: ").append(counts).append('.');
            throw new MojoFailureException(text.toString());
        }
        getLog().info("Safe: " + counts + ".");
    }
}
