package dev.slipway.migrate.internal.schema;

import dev.slipway.migrate.schema.Hazard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One case of the schema diff acceptance corpus ({@code src/test/resources/schema-diff/cases/<group>/<NNN>_<name>.sql}):
 * a start state, a desired state and the hazards a plan between them must carry.
 *
 * <p>A case file is SQL with four kinds of marker line, each a comment of its own:
 *
 * <ol>
 *   <li>{@code -- old}: the DDL of the start state follows (may be empty);</li>
 *   <li>{@code -- new}: the DDL of the desired state follows (may be empty);</li>
 *   <li>{@code -- expect-hazards: HAZARD, HAZARD} (names of {@link Hazard}), or {@code none}: the union of the
 *       hazards of the plan's steps, after both sections;</li>
 *   <li>{@code -- note: ...}: anywhere, any number, for the reader of a failure.</li>
 * </ol>
 *
 * Anything else before {@code -- old} or after {@code -- expect-hazards} is an error naming the file and line.
 *
 * @param group the folder: the kind of object the case is about
 * @param name the file name without {@code .sql} ({@code 004_value_added_in_the_middle})
 * @param oldSql the start state's DDL
 * @param newSql the desired state's DDL
 * @param expectedHazards the hazards the plan must carry, no more and no less
 * @param notes the notes, in order
 */
record DiffCase(
        String group, String name, String oldSql, String newSql, Set<Hazard> expectedHazards, List<String> notes) {

    static final Pattern FILE_NAME = Pattern.compile("\\d{3}_[a-z0-9_]+\\.sql");

    private static final String OLD = "-- old";
    private static final String NEW = "-- new";
    private static final String EXPECT = "-- expect-hazards:";
    private static final String NOTE = "-- note:";

    DiffCase {
        expectedHazards = expectedHazards.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(expectedHazards));
        notes = List.copyOf(notes);
    }

    /** {@code group/name}, as the corpus and failures name the case. */
    String id() {
        return group + "/" + name;
    }

    /** The resource path of the case file, for a failure message. */
    String file() {
        return "src/test/resources/schema-diff/cases/" + group + "/" + name + ".sql";
    }

    @Override
    public String toString() {
        return id();
    }

    /**
     * Reads a case file.
     *
     * @throws IllegalArgumentException naming the file and the line when the file is not a valid case
     */
    static DiffCase parse(String group, String fileName, String text) {
        String where = "schema-diff/cases/" + group + "/" + fileName;
        if (!FILE_NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException(where + ": the file name must be <NNN>_<lower_case_name>.sql");
        }
        StringBuilder oldSql = null;
        StringBuilder newSql = null;
        StringBuilder current = null;
        Set<Hazard> hazards = null;
        List<String> notes = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            int lineNumber = i + 1;
            if (trimmed.startsWith(NOTE)) {
                notes.add(trimmed.substring(NOTE.length()).strip());
            } else if (trimmed.equals(OLD)) {
                if (oldSql != null || newSql != null || hazards != null) {
                    throw error(where, lineNumber, "'-- old' must come once, first");
                }
                oldSql = new StringBuilder();
                current = oldSql;
            } else if (trimmed.equals(NEW)) {
                if (oldSql == null || newSql != null || hazards != null) {
                    throw error(where, lineNumber, "'-- new' must come once, after '-- old'");
                }
                newSql = new StringBuilder();
                current = newSql;
            } else if (trimmed.startsWith(EXPECT)) {
                if (newSql == null || hazards != null) {
                    throw error(where, lineNumber, "'-- expect-hazards:' must come once, after '-- new'");
                }
                hazards = hazards(where, lineNumber, trimmed.substring(EXPECT.length()));
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            } else if (!trimmed.isEmpty()) {
                throw error(
                        where,
                        lineNumber,
                        hazards == null
                                ? "text before '-- old': only '-- note:' lines may come first"
                                : "text after '-- expect-hazards:': it must be the last section");
            }
        }
        if (hazards == null) {
            throw new IllegalArgumentException(
                    where + ": a case needs the sections '-- old', '-- new' and '-- expect-hazards:', in that order");
        }
        String name = fileName.substring(0, fileName.length() - ".sql".length());
        return new DiffCase(
                group, name, oldSql.toString().strip(), newSql.toString().strip(), hazards, notes);
    }

    private static Set<Hazard> hazards(String where, int line, String list) {
        String trimmed = list.strip();
        if (trimmed.equals("none")) {
            return Set.of();
        }
        if (trimmed.isEmpty()) {
            throw error(where, line, "no hazards named: write 'none' when the plan has none");
        }
        Set<Hazard> hazards = EnumSet.noneOf(Hazard.class);
        for (String name : trimmed.split(",")) {
            String hazard = name.strip();
            Hazard value = Arrays.stream(Hazard.values())
                    .filter(h -> h.name().equals(hazard))
                    .findFirst()
                    .orElseThrow(() -> error(
                            where,
                            line,
                            "'" + hazard + "' is not a Hazard; use 'none' or names of "
                                    + Arrays.toString(Hazard.values())));
            if (!hazards.add(value)) {
                throw error(where, line, hazard + " is named twice");
            }
        }
        return hazards;
    }

    private static IllegalArgumentException error(String where, int line, String message) {
        return new IllegalArgumentException(where + ", line " + line + ": " + message);
    }
}
