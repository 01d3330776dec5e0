package dev.slipway.migrate.internal.lint;

import dev.slipway.migrate.internal.sql.SqlLexer;
import dev.slipway.migrate.internal.sql.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A column type as written in a migration, normalised so that aliases compare equal: {@code character
 * varying(50)} is {@code varchar(50)}, {@code integer} is {@code int4}, {@code timestamp with time zone} is
 * {@code timestamptz}.
 *
 * @param base the normalised type name, without schema
 * @param modifiers the numbers in parentheses: {@code [50]} for {@code varchar(50)}, {@code [10, 2]} for
 *     {@code numeric(10,2)}
 * @param array whether it is an array type
 * @param written the type as written
 */
public record ColumnType(String base, List<Integer> modifiers, boolean array, String written) {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("character varying", "varchar"),
            Map.entry("char varying", "varchar"),
            Map.entry("character", "bpchar"),
            Map.entry("char", "bpchar"),
            Map.entry("int", "int4"),
            Map.entry("integer", "int4"),
            Map.entry("serial", "int4"),
            Map.entry("serial4", "int4"),
            Map.entry("bigint", "int8"),
            Map.entry("bigserial", "int8"),
            Map.entry("serial8", "int8"),
            Map.entry("smallint", "int2"),
            Map.entry("smallserial", "int2"),
            Map.entry("serial2", "int2"),
            Map.entry("decimal", "numeric"),
            Map.entry("boolean", "bool"),
            Map.entry("double precision", "float8"),
            Map.entry("float", "float8"),
            Map.entry("real", "float4"),
            Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("time without time zone", "time"),
            Map.entry("time with time zone", "timetz"),
            Map.entry("bit varying", "varbit"));

    /** The serial pseudo-types: a column of one gets {@code DEFAULT nextval(...)}. */
    static boolean isSerial(String writtenBase) {
        return switch (writtenBase) {
            case "serial", "serial2", "serial4", "serial8", "smallserial", "bigserial" -> true;
            default -> false;
        };
    }

    /** Reads the type in tokens [from, to): words outside parentheses, numbers inside, {@code []} or ARRAY. */
    static ColumnType read(Tokens tokens, int from, int to) {
        List<String> words = new ArrayList<>();
        List<Integer> modifiers = new ArrayList<>();
        boolean array = false;
        int depth = tokens.depth(from);
        for (int i = from; i < to; i++) {
            if (tokens.depth(i) == depth) {
                if (tokens.isSymbol(i, "[") || tokens.isWord(i, "ARRAY")) {
                    array = true;
                } else if (tokens.isSymbol(i, ".")) {
                    words.clear();
                } else if (tokens.kind(i) == SqlLexer.Kind.WORD || tokens.kind(i) == SqlLexer.Kind.QUOTED_IDENTIFIER) {
                    words.add(
                            tokens.kind(i) == SqlLexer.Kind.WORD
                                    ? tokens.text(i).toLowerCase(java.util.Locale.ROOT)
                                    : tokens.text(i));
                }
            } else if (tokens.depth(i) == depth + 1 && tokens.kind(i) == SqlLexer.Kind.NUMBER) {
                try {
                    modifiers.add(Integer.parseInt(tokens.text(i)));
                } catch (NumberFormatException e) {
                    modifiers.add(-1);
                }
            }
        }
        String name = String.join(" ", words);
        return new ColumnType(ALIASES.getOrDefault(name, name), List.copyOf(modifiers), array, tokens.slice(from, to));
    }

    /**
     * Why changing a column from {@code this} type to {@code target} rewrites the table, or null when PostgreSQL
     * changes only the catalog: the same type; {@code varchar(n)} to a longer {@code varchar}, to {@code varchar}
     * or to {@code text}; {@code varchar} to {@code text} and back; {@code numeric(p,s)} to a larger precision
     * with the same scale or to {@code numeric}; {@code varbit(n)} to a longer one; {@code cidr} to {@code inet}.
     */
    String rewriteReason(ColumnType target) {
        if (array != target.array) {
            return "an array and a scalar type differ";
        }
        if (base.equals(target.base) && modifiers.equals(target.modifiers)) {
            return null;
        }
        boolean widens = switch (base) {
            case "varchar" ->
                (target.base.equals("varchar")
                                && (target.modifiers.isEmpty()
                                        || (!modifiers.isEmpty() && target.modifiers.get(0) >= modifiers.get(0))))
                        || target.base.equals("text");
            case "text" -> target.base.equals("varchar") && target.modifiers.isEmpty();
            case "numeric" ->
                target.base.equals("numeric")
                        && (target.modifiers.isEmpty()
                                || (modifiers.size() >= 1
                                        && target.modifiers.size() == modifiers.size()
                                        && target.modifiers.get(0) >= modifiers.get(0)
                                        && (modifiers.size() < 2
                                                || target.modifiers.get(1).equals(modifiers.get(1)))));
            case "varbit" ->
                target.base.equals("varbit")
                        && (target.modifiers.isEmpty()
                                || (!modifiers.isEmpty() && target.modifiers.get(0) >= modifiers.get(0)));
            case "cidr" -> target.base.equals("inet");
            default -> false;
        };
        if (widens) {
            return null;
        }
        if (base.equals("timestamp") && target.base.equals("timestamptz")) {
            return "timestamp to timestamptz rewrites unless the session's TimeZone is UTC";
        }
        if (base.equals(target.base)) {
            return "a shorter length or precision must check or convert every value";
        }
        return written + " and " + target.written + " are stored differently";
    }
}
