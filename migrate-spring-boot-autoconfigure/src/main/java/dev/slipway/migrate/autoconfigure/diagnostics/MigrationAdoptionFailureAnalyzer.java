package dev.slipway.migrate.autoconfigure.diagnostics;

import dev.slipway.migrate.AdoptionProblem;
import dev.slipway.migrate.MigrationAdoptionException;
import java.util.List;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Analyzes a {@link MigrationAdoptionException}: another tool's history (Flyway's, Prisma's) does not match the
 * migration files, so Slipway imported nothing and ran nothing. The description lists every problem with its
 * migration; the action is the exception's (each problem's fix, one line for the migrations that share a fix, then
 * the way around the import: {@code slipway.adopt=off} with {@code slipway.baseline.version}), its settings rendered
 * as Spring properties.
 */
class MigrationAdoptionFailureAnalyzer extends AbstractFailureAnalyzer<MigrationAdoptionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrationAdoptionException cause) {
        List<AdoptionProblem> problems = cause.getProblems();
        StringBuilder description = new StringBuilder("Slipway cannot take over the migration history in ")
                .append(cause.getSource())
                .append(" (")
                .append(count(problems.size()))
                .append("), so it imported nothing and ran no migration. ")
                .append(cause.getSource())
                .append(" and the schema are as they were.");
        for (AdoptionProblem problem : problems) {
            String text = ((problem.migration() != null) ? problem.migration() + ": " : "")
                    + problem.description().strip();
            description.append("\n\n    ").append(text.replace("\n", "\n    "));
        }
        return new FailureAnalysis(description.toString(), SpringSettings.render(cause.getAction()), cause);
    }

    private static String count(int problems) {
        return (problems == 1) ? "1 problem" : problems + " problems";
    }
}
