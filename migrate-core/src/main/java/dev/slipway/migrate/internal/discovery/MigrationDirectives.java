package dev.slipway.migrate.internal.discovery;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.InvalidMigrationException;
import dev.slipway.migrate.MigrationPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of a migration file's directives, with defaults for those it does not give.
 *
 * @param phase {@code -- slipway:phase expand|contract}; expand by default
 * @param transactionMode {@code -- slipway:transaction auto|on|off}; auto by default
 * @param requiredBackfills {@code -- slipway:requires-backfill a, b} (names separated by commas or blanks;
 *     the directive may be repeated)
 * @param lockTimeout {@code -- slipway:lock-timeout 2s}
 * @param statementTimeout {@code -- slipway:statement-timeout 10m}
 * @param allowances {@code -- slipway:allow <rule>[,<rule>] [reason]}
 */
record MigrationDirectives(
        MigrationPhase phase,
        TransactionMode transactionMode,
        List<String> requiredBackfills,
        Optional<Duration> lockTimeout,
        Optional<Duration> statementTimeout,
        List<Allowance> allowances) {

    /** Rule ids separated by commas (blanks around the commas allowed), then the reason. */
    private static final Pattern ALLOW = Pattern.compile("([\\w-]+(?:\\s*,\\s*[\\w-]+)*)(?:\\s+(.*))?");

    private static final Pattern BACKFILL_SEPARATOR = Pattern.compile("[,\\s]+");

    /**
     * Reads the directives a {@link DirectiveScanner} placed.
     *
     * @throws InvalidMigrationException naming the directive's line if a value is not valid, a directive
     *     that takes one value is given twice, or backfills are required by a migration that is not a
     *     contract migration
     */
    static MigrationDirectives parse(List<DirectiveScanner.Placed> directives, String source) {
        return parse(directives, source, false);
    }

    /**
     * Reads the directives of a migration file; {@code repeatable} for an {@code R__<description>.sql} file, which
     * may not declare {@code -- slipway:phase contract} or {@code -- slipway:requires-backfill}: it applies with the
     * expand migrations of every run in which it changed, so it can neither wait for the contract phase nor for a
     * backfill.
     *
     * @throws InvalidMigrationException as {@link #parse(List, String)}, and naming the directive's line when a
     *     repeatable migration declares the contract phase or requires backfills
     */
    static MigrationDirectives parse(List<DirectiveScanner.Placed> directives, String source, boolean repeatable) {
        Reader reader = new Reader(source);
        directives.forEach(reader::read);
        if (repeatable) {
            reader.refuseContractDirectives();
        }
        return reader.result();
    }

    private static final class Reader {

        private final String source;
        private Directive phase;
        private Directive transaction;
        private Directive lockTimeout;
        private Directive statementTimeout;
        private Directive firstRequiresBackfill;
        private final Set<String> requiredBackfills = new LinkedHashSet<>();
        private final List<Allowance> allowances = new ArrayList<>();

        Reader(String source) {
            this.source = source;
        }

        void read(DirectiveScanner.Placed placed) {
            Directive directive = placed.directive();
            switch (directive.name()) {
                case Directive.PHASE -> phase = once(phase, directive);
                case Directive.TRANSACTION -> transaction = once(transaction, directive);
                case Directive.LOCK_TIMEOUT -> lockTimeout = once(lockTimeout, directive);
                case Directive.STATEMENT_TIMEOUT -> statementTimeout = once(statementTimeout, directive);
                case Directive.REQUIRES_BACKFILL -> readRequiresBackfill(directive);
                case Directive.ALLOW -> allowances.add(allowance(directive, placed.statement()));
                default -> throw new IllegalStateException("Directive " + directive.name() + " is known but not read");
            }
        }

        private Directive once(Directive earlier, Directive directive) {
            if (earlier != null) {
                throw new InvalidMigrationException(
                        source,
                        directive.line(),
                        "-- slipway:" + directive.name() + " is given twice, on lines " + earlier.line() + " and "
                                + directive.line() + ".",
                        Action.text("Keep one."));
            }
            return directive;
        }

        private void readRequiresBackfill(Directive directive) {
            if (directive.argument().isEmpty()) {
                throw invalid(
                        directive,
                        "Name the backfills the migration waits for, e.g. -- slipway:" + Directive.REQUIRES_BACKFILL
                                + " users_display_name.");
            }
            for (String name : BACKFILL_SEPARATOR.split(directive.argument())) {
                if (!name.isEmpty()) {
                    requiredBackfills.add(name);
                }
            }
            if (firstRequiresBackfill == null) {
                firstRequiresBackfill = directive;
            }
        }

        private Allowance allowance(Directive directive, int statement) {
            Matcher matcher = ALLOW.matcher(directive.argument());
            if (!matcher.matches()) {
                throw invalid(
                        directive,
                        "Write the rules to allow, separated by commas, then the reason: -- slipway:"
                                + Directive.ALLOW + " <rule>[,<rule>] <reason>, e.g. -- slipway:" + Directive.ALLOW
                                + " data-loss the column was copied to display_name.");
            }
            List<String> rules = List.of(matcher.group(1).split("\\s*,\\s*"));
            String reason = matcher.group(2) == null ? "" : matcher.group(2).strip();
            return new Allowance(rules, reason, statement, directive.line());
        }

        /** A repeatable migration applies with the expand migrations: it cannot wait for the contract phase. */
        void refuseContractDirectives() {
            if (phase != null && phaseOf(phase) == MigrationPhase.CONTRACT) {
                throw new InvalidMigrationException(
                        source,
                        phase.line(),
                        "A repeatable migration cannot be a contract"
                                + " migration: it applies after the expand migrations of every migrate() in which it is new"
                                + " or changed.",
                        Action.text("Remove " + phase.written() + ", and put what must wait for the contract phase"
                                + " into a versioned migration (<version>_<name>/migration.sql) that declares it."));
            }
            if (firstRequiresBackfill != null) {
                throw new InvalidMigrationException(
                        source,
                        firstRequiresBackfill.line(),
                        "A repeatable migration"
                                + " cannot wait for backfills: it applies with the expand migrations of every migrate() in"
                                + " which it is new or changed.",
                        Action.text("Remove " + firstRequiresBackfill.written() + ", and put what"
                                + " needs the backfill into a versioned contract migration (<version>_<name>/migration.sql"
                                + " with -- slipway:" + Directive.PHASE + " contract), which waits for it."));
            }
        }

        MigrationDirectives result() {
            MigrationPhase resolvedPhase = phase == null ? MigrationPhase.EXPAND : phaseOf(phase);
            if (firstRequiresBackfill != null && resolvedPhase != MigrationPhase.CONTRACT) {
                throw new InvalidMigrationException(
                        source,
                        firstRequiresBackfill.line(),
                        "Only a contract" + " migration can wait for backfills, and this one is an expand migration.",
                        Action.text("Add -- slipway:" + Directive.PHASE + " contract, or remove "
                                + firstRequiresBackfill.written() + "."));
            }
            return new MigrationDirectives(
                    resolvedPhase,
                    transaction == null ? TransactionMode.AUTO : transactionModeOf(transaction),
                    List.copyOf(requiredBackfills),
                    Optional.ofNullable(lockTimeout).map(this::durationOf),
                    Optional.ofNullable(statementTimeout).map(this::durationOf),
                    List.copyOf(allowances));
        }

        private MigrationPhase phaseOf(Directive directive) {
            for (MigrationPhase value : MigrationPhase.values()) {
                if (value.id().equals(directive.argument().toLowerCase(Locale.ROOT))) {
                    return value;
                }
            }
            throw invalid(
                    directive,
                    "Write -- slipway:" + Directive.PHASE + " expand or -- slipway:" + Directive.PHASE + " contract.");
        }

        private TransactionMode transactionModeOf(Directive directive) {
            for (TransactionMode value : TransactionMode.values()) {
                if (value.id().equals(directive.argument().toLowerCase(Locale.ROOT))) {
                    return value;
                }
            }
            throw invalid(directive, "Write -- slipway:" + Directive.TRANSACTION + " auto, on or off.");
        }

        private Duration durationOf(Directive directive) {
            try {
                return PostgresDuration.parse(directive.argument());
            } catch (IllegalArgumentException e) {
                throw invalid(directive, "Write the duration as PostgreSQL does: " + PostgresDuration.FORMS + ".");
            }
        }

        private InvalidMigrationException invalid(Directive directive, String advice) {
            String value = directive.argument().isEmpty() ? "no value" : "'" + directive.argument() + "'";
            return new InvalidMigrationException(
                    source,
                    directive.line(),
                    "The directive -- slipway:"
                            + directive.name() + " has " + (directive.argument().isEmpty() ? "" : "the value ") + value
                            + ", which is not valid.",
                    Action.text("" + advice));
        }
    }
}
