package dev.slipway.migrate.autoconfigure.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.slipway.migrate.AdoptionProblem;
import dev.slipway.migrate.MigrationAdoptionException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Analyzes a {@link MigrationAdoptionException}: another tool's history (Flyway's, Prisma's) does not match the
 * migration files, so Slipway imported nothing and ran nothing. The description lists every problem with its
 * migration; the action gives each problem's fix (one line for the migrations that share a fix), with the settings
 * the core speaks of in its own terms rendered as the Spring properties (ignoring missing migrations:
 * {@code slipway.validate.ignore-missing=true}, ...), and ends with the way around the import:
 * {@code slipway.adopt=off} with {@code slipway.baseline.version}.
 */
class MigrationAdoptionFailureAnalyzer extends AbstractFailureAnalyzer<MigrationAdoptionException> {

    /**
     * The core's words for its settings, and the Spring property for each. A phrase is followed by the property in
     * parentheses; a Java name ({@code ignoreMissing}) is replaced by it.
     */
    private static final List<Term> TERMS = List.of(
            new Term("(?i)\\bignor(?:e|es|ing) (?:the |such )?missing(?: migrations| files| rows)?\\b"
                    + "|\\bignore-missing(?: setting)?\\b|\\b(?:SlipwayConfig\\.)?ignoreMissing\\b(?:\\(\\))?",
                    "slipway.validate.ignore-missing=true"),
            new Term("(?i)\\bbaseline version\\b|\\b(?:SlipwayConfig\\.)?baselineVersion\\b(?:\\(\\))?",
                    "slipway.baseline.version"),
            new Term("(?i)\\bturn(?:s|ing)? (?:the )?import(?:ing)? off\\b|\\bimporting (?:is )?(?:turned )?off\\b"
                    + "|\\bAdoptMode\\.OFF\\b", "slipway.adopt=off"),
            new Term("\\b(?:SlipwayConfig\\.)?flywayTable\\b(?:\\(\\))?", "slipway.adopt.flyway-table"),
            new Term("(?i)\\bthe configured locations\\b|\\b(?:SlipwayConfig\\.)?locations\\(\\)", "slipway.locations"));

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrationAdoptionException cause) {
        List<AdoptionProblem> problems = cause.getProblems();
        StringBuilder description = new StringBuilder("Slipway cannot take over the migration history in ")
                .append(cause.getSource()).append(" (").append(count(problems.size()))
                .append("), so it imported nothing and ran no migration. ").append(cause.getSource())
                .append(" and the schema are as they were.");
        for (AdoptionProblem problem : problems) {
            String text = ((problem.migration() != null) ? problem.migration() + ": " : "")
                    + problem.description().strip();
            description.append("\n\n    ").append(text.replace("\n", "\n    "));
        }
        return new FailureAnalysis(description.toString(), action(cause), cause);
    }

    private static String action(MigrationAdoptionException cause) {
        Map<String, List<String>> migrationsByFix = new LinkedHashMap<>();
        for (AdoptionProblem problem : cause.getProblems()) {
            List<String> migrations = migrationsByFix.computeIfAbsent(inSpringTerms(problem.action()),
                    (fix) -> new ArrayList<>());
            if (problem.migration() != null) {
                migrations.add(problem.migration());
            }
        }
        StringBuilder action = new StringBuilder();
        boolean several = cause.getProblems().size() > 1;
        migrationsByFix.forEach((fix, migrations) -> {
            if (several && !migrations.isEmpty()) {
                action.append(String.join(", ", migrations)).append(": ");
            }
            action.append(fix).append('\n');
        });
        action.append("Then start the application again: the import is all or nothing, and runs on the first start "
                + "that finds no problem.\n");
        action.append("To take the schema over without importing ").append(cause.getSource())
                .append(", set slipway.adopt=off and slipway.baseline.version=<the newest migration it applied>: "
                        + "every migration up to it is recorded as BASELINE without running, and ")
                .append(cause.getSource()).append(" is left as it is.");
        return action.toString();
    }

    /** The core's action with the settings it names rendered as Spring properties; capitalized. */
    static String inSpringTerms(String coreAction) {
        String action = (coreAction != null) ? coreAction.strip() : "";
        for (Term term : TERMS) {
            action = term.render(action);
        }
        return action.isEmpty() ? action : Character.toUpperCase(action.charAt(0)) + action.substring(1);
    }

    private static String count(int problems) {
        return (problems == 1) ? "1 problem" : problems + " problems";
    }

    private record Term(Pattern pattern, String property) {

        Term(String regex, String property) {
            this(Pattern.compile(regex), property);
        }

        /** Names the property at the first mention of the setting, unless the text names it already. */
        String render(String text) {
            if (text.contains(this.property.split("=")[0])) {
                return text;
            }
            Matcher matcher = this.pattern.matcher(text);
            if (!matcher.find()) {
                return text;
            }
            String mention = matcher.group();
            String rendered = mention.contains(" ") ? mention + " (" + this.property + ")" : this.property;
            return text.substring(0, matcher.start()) + rendered + text.substring(matcher.end());
        }
    }
}
