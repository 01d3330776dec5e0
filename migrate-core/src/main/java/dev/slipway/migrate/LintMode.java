package dev.slipway.migrate;

/**
 * What {@link Slipway#migrate()} does with the linter's findings on the pending migrations, before it applies
 * any of them (the {@code slipway.lint.mode} property).
 */
public enum LintMode {
    /** Refuse to migrate when a finding of severity {@code ERROR} is not allowed: nothing is applied. */
    FAIL,
    /** Log every finding as a warning and migrate anyway. */
    WARN,
    /** Do not lint. */
    OFF;

    /** The lower-case name used in configuration: {@code fail}, {@code warn}, {@code off}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
