package dev.slipway.migrate.lint;

/** How bad a linter finding is. */
public enum LintSeverity {
    /** Blocks or breaks production traffic as written: fails {@code migrate()} and {@link SlipwayLint#assertSafe}. */
    ERROR,
    /** Often fine, sometimes not: reported, never fails a check. */
    WARNING;

    /** The lower-case name used in messages: {@code error}, {@code warning}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
