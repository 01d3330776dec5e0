package dev.slipway.migrate.internal.adopt;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.AdoptionProblem;
import dev.slipway.migrate.Setting;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.internal.discovery.MigrationLoader;
import dev.slipway.migrate.internal.discovery.MigrationText;
import dev.slipway.migrate.internal.discovery.MigrationVersion;
import dev.slipway.migrate.internal.history.HistoryRow;
import dev.slipway.migrate.internal.history.HistoryTable;
import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.postgres.Catalog;
import dev.slipway.migrate.internal.postgres.Identifiers;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prisma Migrate's history, {@code _prisma_migrations}, in the schema Slipway migrates.
 *
 * <p>How Prisma writes it: {@code migrate deploy} inserts a row when it starts a migration ({@code id} a UUID as
 * text, {@code checksum}, {@code migration_name} = the folder name, {@code started_at}), then on success counts the
 * step ({@code applied_steps_count}) and sets {@code finished_at}; on failure it sets {@code logs} and leaves
 * {@code finished_at} empty. {@code migrate resolve --rolled-back} sets {@code rolled_back_at} on the failed row, and
 * the next deploy writes a new row for the same migration. {@code migrate resolve --applied} writes a finished row
 * without running anything ({@code applied_steps_count} 0).
 *
 * <ol>
 *   <li>Every row is read, oldest start first; per {@code migration_name} the latest row decides.</li>
 *   <li>Finished and not rolled back: applied. Its folder must be among the files, and the file must match the
 *       row's checksum as Prisma compares them ({@link #prismaChecksumMatches}); then it is recorded as
 *       {@code BASELINE} with Prisma's times.</li>
 *   <li>Not finished and not rolled back: failed (or interrupted, or running): a problem, settled with Prisma's
 *       {@code migrate resolve}. Rolled back: Prisma would apply it again on its next deploy: a problem while its
 *       folder is there; without a folder there is nothing to import. A rolled-back row followed by a successful
 *       retry is fine: the latest row is applied.</li>
 *   <li>A folder that has no row at all but is older than the newest migration Prisma applied is a problem:
 *       Prisma never applied it, and Slipway would run it below applied ones.</li>
 *   <li>Every problem is collected; any problem means nothing is imported.</li>
 * </ol>
 */
final class PrismaSource implements HistorySource {

    /** Prisma's history table. */
    static final String TABLE = "_prisma_migrations";

    private static final Pattern MIGRATION_NAME = Pattern.compile("(\\d+)_(.+)");
    /** The length of Prisma's checksum text; older versions wrote shorter ones, without zero padding. */
    private static final int CHECKSUM_LENGTH = 64;

    private final String schema;

    private PrismaSource(String schema) {
        this.schema = schema;
    }

    /** Prisma's history, when the schema holds {@code _prisma_migrations}. */
    static Optional<HistorySource> find(Connection c, String schema) throws SQLException {
        return Catalog.tableExists(c, schema, TABLE) ? Optional.of(new PrismaSource(schema)) : Optional.empty();
    }

    @Override
    public String displayName() {
        return schema + "." + TABLE;
    }

    @Override
    public String tool() {
        return "Prisma";
    }

    /** One row of {@code _prisma_migrations}. */
    private record PrismaRow(
            String id,
            String checksum,
            Instant finishedAt,
            String name,
            String logs,
            Instant rolledBackAt,
            Instant startedAt,
            int appliedSteps) {

        boolean applied() {
            return finishedAt != null && rolledBackAt == null;
        }

        boolean rolledBack() {
            return rolledBackAt != null;
        }
    }

    @Override
    public Reading read(Connection c, MigrationLoader.Found files) throws SQLException {
        List<PrismaRow> rows = Jdbc.query(
                c,
                "SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at,"
                        + " started_at, applied_steps_count FROM " + Identifiers.qualified(schema, TABLE)
                        + " ORDER BY started_at, finished_at NULLS FIRST, id",
                rs -> new PrismaRow(
                        rs.getString(1),
                        rs.getString(2),
                        instant(rs.getTimestamp(3)),
                        rs.getString(4),
                        rs.getString(5),
                        instant(rs.getTimestamp(6)),
                        instant(rs.getTimestamp(7)),
                        rs.getInt(8)));
        Map<String, PrismaRow> latest = new LinkedHashMap<>();
        Map<String, Integer> attempts = new HashMap<>();
        for (PrismaRow row : rows) {
            latest.remove(row.name());
            latest.put(row.name(), row); // re-inserted: the map ends in the order of the latest rows
            attempts.merge(row.name(), 1, Integer::sum);
        }
        Map<String, MigrationText> byName = new HashMap<>();
        Map<MigrationVersion, MigrationText> byVersion = new HashMap<>();
        for (MigrationText file : files.versioned()) {
            byName.put(file.id(), file);
            byVersion.put(file.version(), file);
        }

        Map<String, AdoptionProblem> problems = new TreeMap<>();
        List<HistoryTable.Recorded> recorded = new ArrayList<>();
        Set<MigrationVersion> versionsWithRows = new HashSet<>();
        MigrationVersion newestApplied = null;
        int retried = 0;
        int resolved = 0;
        for (PrismaRow row : latest.values()) {
            MigrationVersion version = versionOf(row.name());
            if (version != null) {
                versionsWithRows.add(version);
            }
            MigrationText file = byName.get(row.name());
            if (row.applied()) {
                if (version != null && (newestApplied == null || version.compareTo(newestApplied) > 0)) {
                    newestApplied = version;
                }
                if (file == null) {
                    problems.put(row.name(), withoutFolder(row, version == null ? null : byVersion.get(version)));
                } else if (!prismaChecksumMatches(file.bytes(), row.checksum())) {
                    problems.put(row.name(), changed(row, file));
                } else {
                    int tries = attempts.get(row.name());
                    retried += tries > 1 ? 1 : 0;
                    resolved += resolvedByHand(row) ? 1 : 0;
                    recorded.add(record(row, file, tries));
                }
            } else if (row.rolledBack()) {
                if (file != null) {
                    problems.put(row.name(), rolledBack(row));
                }
            } else {
                problems.put(row.name(), failed(row, file));
            }
        }
        if (newestApplied != null) {
            for (MigrationText file : files.versioned()) {
                if (!latest.containsKey(file.id())
                        && !versionsWithRows.contains(file.version())
                        && file.version().compareTo(newestApplied) < 0) {
                    problems.put(file.id(), neverApplied(file, newestApplied));
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Reading(List.of(), List.copyOf(problems.values()), "");
        }
        String summary = recorded.size() + " migration" + (recorded.size() == 1 ? "" : "s")
                + (retried == 0 ? "" : ", " + retried + " of them applied again after a rolled-back attempt")
                + (resolved == 0 ? "" : ", " + resolved + " of them marked applied by prisma migrate resolve");
        return new Reading(recorded, List.of(), summary);
    }

    private HistoryTable.Recorded record(PrismaRow row, MigrationText file, int attempts) {
        long executionMs =
                Math.max(0, row.finishedAt().toEpochMilli() - row.startedAt().toEpochMilli());
        String logs = "imported from " + displayName() + " (row " + row.id() + ")"
                + (attempts > 1
                        ? "; applied on attempt " + attempts + ", after " + (attempts - 1) + " rolled back"
                        : "")
                + (resolvedByHand(row)
                        ? "; Prisma did not run it: it was marked applied with prisma migrate " + "resolve --applied"
                        : "");
        return new HistoryTable.Recorded(
                UUID.randomUUID(),
                file.version().toString(),
                file.name(),
                file.checksum(),
                Adoption.phase(file),
                row.startedAt(),
                row.finishedAt(),
                logs,
                executionMs,
                TABLE + " (Prisma" + (resolvedByHand(row) ? " migrate resolve --applied" : "") + ")",
                HistoryRow.BASELINE);
    }

    /** {@code migrate deploy} counts the one step of a migration it ran; {@code migrate resolve --applied} none. */
    private static boolean resolvedByHand(PrismaRow row) {
        return row.appliedSteps() == 0;
    }

    private AdoptionProblem changed(PrismaRow row, MigrationText file) {
        return new AdoptionProblem(
                SlipwayError.MIGRATION_MODIFIED,
                row.name(),
                "the file was changed after Prisma applied it\n"
                        + "   checksum in " + TABLE + ":    " + row.checksum() + "\n"
                        + "   Prisma's checksum of the file now: " + prismaChecksum(file.bytes()) + "\n"
                        + "   file: " + file.source(),
                Action.text("restore the file as Prisma applied it (from version control); if the change is wanted, "
                        + "restore the file and write a new migration for the change"));
    }

    private static AdoptionProblem withoutFolder(PrismaRow row, MigrationText sameVersion) {
        return new AdoptionProblem(
                SlipwayError.MIGRATION_MISSING,
                row.name(),
                "Prisma applied it (finished at " + row.finishedAt() + "), but no "
                        + "migration folder " + row.name() + " is in the migration locations"
                        + (sameVersion == null
                                ? ""
                                : "; " + sameVersion.source() + " has the same version: was the folder " + "renamed to "
                                        + sameVersion.id() + "?"),
                Action.of(
                        "restore the folder under its name (an applied migration keeps its folder name), or point "
                                + "{} at the folder that holds Prisma's migrations (prisma/migrations)",
                        Setting.LOCATIONS));
    }

    private static AdoptionProblem failed(PrismaRow row, MigrationText file) {
        String what = row.logs() == null || row.logs().isBlank()
                ? "Prisma started it at " + row.startedAt() + " and did not finish it: it failed, was interrupted, or "
                        + "is running now"
                : "Prisma's attempt started at " + row.startedAt() + " failed and was not resolved: "
                        + errorOf(row.logs());
        return new AdoptionProblem(
                SlipwayError.MIGRATION_NOT_FINISHED,
                row.name(),
                what + (file == null ? "; its migration folder is not in the " + "migration locations either" : ""),
                Action.text("settle it with Prisma first: if you finished its changes by hand, prisma migrate "
                        + "resolve --applied " + row.name() + "; if you undid its partial changes, prisma migrate "
                        + "resolve --rolled-back " + row.name() + " and then prisma migrate deploy. Then start again"));
    }

    private static AdoptionProblem rolledBack(PrismaRow row) {
        return new AdoptionProblem(
                SlipwayError.MIGRATION_NOT_FINISHED,
                row.name(),
                "Prisma's latest attempt (started at " + row.startedAt()
                        + ") was marked rolled back at " + row.rolledBackAt()
                        + " and the migration was not applied since: "
                        + "it is not applied, and Prisma would apply it again on its next deploy",
                Action.text("apply it with Prisma first (prisma migrate deploy), then start again; or, if the "
                        + "migration is not wanted, delete its folder"));
    }

    private static AdoptionProblem neverApplied(MigrationText file, MigrationVersion newestApplied) {
        return new AdoptionProblem(
                SlipwayError.MIGRATION_OUT_OF_ORDER,
                file.id(),
                "Prisma never applied it, but it is older than migrations Prisma " + "applied (the newest is version "
                        + newestApplied + "); file: " + file.source(),
                Action.text("apply it with Prisma first (prisma migrate deploy); or, if it should run after them, "
                        + "rename its folder to a version above " + newestApplied + "; or delete it if it is not "
                        + "wanted"));
    }

    /**
     * Whether a migration file matches a checksum in {@code _prisma_migrations} as Prisma decides it: the SHA-256 of
     * the file's bytes as they are, or with every CRLF turned into LF, or with every LF turned into CRLF (git may
     * have changed the line endings since), written as 64 lower-case hex digits, or, for a checksum of another
     * length (older Prisma versions), as hex digits without zero padding.
     */
    static boolean prismaChecksumMatches(byte[] file, String checksum) {
        if (checksum == null) {
            return false;
        }
        boolean unpadded = !checksum.isEmpty() && checksum.length() != CHECKSUM_LENGTH;
        for (byte[] variant : List.of(file, replace(file, "\r\n", "\n"), replace(file, "\n", "\r\n"))) {
            byte[] digest = sha256(variant);
            if ((unpadded ? unpaddedHex(digest) : HexFormat.of().formatHex(digest)).equals(checksum)) {
                return true;
            }
        }
        return false;
    }

    /** Prisma's checksum of a file: lower-case hex SHA-256 of its bytes. */
    static String prismaChecksum(byte[] file) {
        return HexFormat.of().formatHex(sha256(file));
    }

    private static String unpaddedHex(byte[] digest) {
        StringBuilder text = new StringBuilder(CHECKSUM_LENGTH);
        for (byte b : digest) {
            text.append(Integer.toHexString(b & 0xff));
        }
        return text.toString();
    }

    /** The bytes with every occurrence of {@code from} replaced, as Rust's {@code str::replace} does (left to right). */
    private static byte[] replace(byte[] bytes, String from, String to) {
        byte[] f = from.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + bytes.length / 16);
        int i = 0;
        while (i < bytes.length) {
            if (startsWith(bytes, i, f)) {
                out.writeBytes(t);
                i += f.length;
            } else {
                out.write(bytes[i]);
                i++;
            }
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        if (at + prefix.length > bytes.length) {
            return false;
        }
        for (int j = 0; j < prefix.length; j++) {
            if (bytes[at + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static MigrationVersion versionOf(String migrationName) {
        Matcher matcher = MIGRATION_NAME.matcher(migrationName);
        return matcher.matches() ? MigrationVersion.parse(matcher.group(1)) : null;
    }

    /** PostgreSQL's error line of Prisma's logs ({@code ERROR: ...}), else the logs on one line; abbreviated. */
    private static String errorOf(String logs) {
        String line = logs.lines()
                .map(String::strip)
                .filter(l -> l.startsWith("ERROR:"))
                .findFirst()
                .orElse(logs.strip().replaceAll("\\s+", " "));
        return line.length() <= 300 ? line : line.substring(0, 297) + "...";
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
