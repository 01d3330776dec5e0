package dev.slipway.migrate.internal.lint;

import java.util.Locale;

/**
 * How the linter learns whether a function is volatile, by its name (the last part, as stored): a function
 * called by a column's default decides whether {@code ADD COLUMN} rewrites the table. Without a database the
 * linter uses {@link #offline()}; at {@code migrate()} the engine passes one that reads {@code pg_proc} and falls
 * back to the offline one for what the catalog does not hold yet (an extension a pending migration creates).
 */
@FunctionalInterface
public interface FunctionVolatility {

    /** PostgreSQL's {@code provolatile}: {@code i}, {@code s} or {@code v}. */
    enum Volatility {
        IMMUTABLE,
        STABLE,
        VOLATILE;

        /** The volatility of a {@code pg_proc.provolatile} code, or null for another value. */
        public static Volatility ofCode(String code) {
            return switch (code == null ? "" : code.toLowerCase(Locale.ROOT)) {
                case "i" -> IMMUTABLE;
                case "s" -> STABLE;
                case "v" -> VOLATILE;
                default -> null;
            };
        }
    }

    /**
     * The volatility of the function of this name (the most volatile of its overloads), or null when it is not
     * known: the linter then takes it as volatile, PostgreSQL's default for a function.
     */
    Volatility of(String name);

    /** PostgreSQL's built-in functions, SQL's function-like keywords and common extensions' functions. */
    static FunctionVolatility offline() {
        return OfflineFunctionVolatility.INSTANCE;
    }

    /** This one's answer, or the other's where this one does not know the function. */
    default FunctionVolatility orElse(FunctionVolatility other) {
        return name -> {
            Volatility known = of(name);
            return known != null ? known : other.of(name);
        };
    }
}
