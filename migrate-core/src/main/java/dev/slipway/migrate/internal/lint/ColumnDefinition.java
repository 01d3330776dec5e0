package dev.slipway.migrate.internal.lint;

import dev.slipway.migrate.internal.sql.SqlLexer;
import dev.slipway.migrate.internal.sql.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A column as {@code CREATE TABLE} or {@code ALTER TABLE ... ADD COLUMN} defines it: name, type and the column
 * constraints the rules care about.
 *
 * @param name the column's stored name
 * @param written the column's name as written
 * @param type its type
 * @param serial whether the type is a serial pseudo-type
 * @param notNull whether it is declared {@code NOT NULL}
 * @param defaultSql the default expression as written, or null when there is none
 * @param defaultFunctions the functions the default calls, lower-cased ({@code nextval}, {@code random})
 * @param referencedTable the table of a {@code REFERENCES} constraint, as written, or null
 * @param unique whether it is declared {@code UNIQUE} or {@code PRIMARY KEY}
 * @param primaryKey whether it is declared {@code PRIMARY KEY}
 * @param identity whether it is {@code GENERATED ... AS IDENTITY}
 * @param generatedStored whether it is {@code GENERATED ALWAYS AS (...) STORED}
 */
public record ColumnDefinition(
        String name,
        String written,
        ColumnType type,
        boolean serial,
        boolean notNull,
        String defaultSql,
        List<String> defaultFunctions,
        String referencedTable,
        boolean unique,
        boolean primaryKey,
        boolean identity,
        boolean generatedStored) {

    private static final Set<String> CONSTRAINT_WORDS = Set.of(
            "CONSTRAINT",
            "NOT",
            "NULL",
            "DEFAULT",
            "CHECK",
            "UNIQUE",
            "PRIMARY",
            "REFERENCES",
            "GENERATED",
            "COLLATE",
            "COMPRESSION",
            "STORAGE",
            "DEFERRABLE",
            "INITIALLY");

    /** Words that are followed by a parenthesis without being a function call. */
    private static final Set<String> NOT_CALLS = Set.of(
            "CAST", "ROW", "ARRAY", "VALUES", "EXISTS", "IN", "ANY", "ALL", "SOME", "AND", "OR", "NOT", "CASE", "WHEN",
            "THEN", "ELSE", "AS", "IS");

    /** Reads a column definition in tokens [from, to); null when there is no column name at {@code from}. */
    public static ColumnDefinition read(Tokens tokens, int from, int to) {
        Tokens.Name name = tokens.name(from);
        if (name == null || name.next() != from + 1) {
            return null;
        }
        int depth = tokens.depth(from);
        int i = from + 1;
        while (i < to && !(tokens.depth(i) == depth && CONSTRAINT_WORDS.contains(tokens.word(i)))) {
            i++;
        }
        ColumnType type = ColumnType.read(tokens, from + 1, i);
        String writtenBase = tokens.word(from + 1).toLowerCase(Locale.ROOT);
        boolean notNull = false;
        String defaultSql = null;
        List<String> defaultFunctions = List.of();
        String referenced = null;
        boolean unique = false;
        boolean primaryKey = false;
        boolean identity = false;
        boolean stored = false;
        while (i < to) {
            if (tokens.depth(i) != depth) {
                i++;
            } else if (tokens.isWord(i, "CONSTRAINT")) {
                i += 2;
            } else if (tokens.isWords(i, "NOT", "NULL")) {
                notNull = true;
                i += 2;
            } else if (tokens.isWord(i, "DEFAULT")) {
                int end = i + 2;
                while (end < to && !(tokens.depth(end) == depth && CONSTRAINT_WORDS.contains(tokens.word(end)))) {
                    end++;
                }
                defaultSql = tokens.slice(i + 1, end);
                defaultFunctions = functionsCalled(tokens, i + 1, end);
                i = end;
            } else if (tokens.isWord(i, "CHECK") && tokens.isOpen(i + 1)) {
                i = tokens.afterClose(i + 1);
            } else if (tokens.isWord(i, "UNIQUE") || tokens.isWords(i, "PRIMARY", "KEY")) {
                unique = true;
                primaryKey |= tokens.isWord(i, "PRIMARY");
                i++;
            } else if (tokens.isWord(i, "REFERENCES")) {
                Tokens.Name table = tokens.name(i + 1);
                referenced = table == null ? "?" : table.written();
                i = table == null ? i + 1 : table.next();
            } else if (tokens.isWord(i, "GENERATED")) {
                int as = tokens.find(i, to, "AS", depth);
                if (as >= 0 && tokens.isWord(as + 1, "IDENTITY")) {
                    identity = true;
                } else if (as >= 0 && tokens.isOpen(as + 1) && tokens.isWord(tokens.afterClose(as + 1), "STORED")) {
                    stored = true;
                }
                i = as >= 0 ? as + 1 : i + 1;
            } else {
                i++;
            }
        }
        return new ColumnDefinition(
                name.key(),
                name.written(),
                type,
                ColumnType.isSerial(writtenBase),
                notNull,
                defaultSql,
                defaultFunctions,
                referenced,
                unique,
                primaryKey,
                identity,
                stored);
    }

    /** The names of the functions called in tokens [from, to), lower-cased, without schema. */
    static List<String> functionsCalled(Tokens tokens, int from, int to) {
        List<String> functions = new ArrayList<>();
        for (int i = from; i < to; i++) {
            boolean call = tokens.isOpen(i + 1)
                    && (tokens.kind(i) == SqlLexer.Kind.WORD || tokens.kind(i) == SqlLexer.Kind.QUOTED_IDENTIFIER)
                    && !NOT_CALLS.contains(tokens.word(i))
                    && !tokens.isWord(i - 1, "AS")
                    && !(tokens.isSymbol(i - 1, ":") && tokens.isSymbol(i - 2, ":"));
            if (call) {
                Tokens.Name name = tokens.name(i);
                functions.add(name == null ? tokens.text(i) : name.key());
            }
        }
        return List.copyOf(functions);
    }
}
