package dev.slipway.migrate.internal.discovery;

/**
 * A migration file that has been read, decoded and checksummed, but not split or checked yet. Comparing
 * checksums with the history needs no more than this, so a restart with nothing pending never parses SQL.
 *
 * <p>The text of a large file (over {@link #KEPT_TEXT_LIMIT} characters, a data import) is let go once the file
 * is split ({@link #release()}): its statements hold the same characters, and the heap holds them once. Asked for
 * again, the text is read from the file again, and refused if the file changed meanwhile.
 */
public final class MigrationText {

    /** Texts longer than this are let go once split. */
    static final int KEPT_TEXT_LIMIT = 1 << 20;

    private final MigrationFile file;
    private volatile String text;
    private final String checksum;
    private final java.util.Optional<dev.slipway.migrate.MigrationPhase> headerPhase;

    MigrationText(MigrationFile file, String text, String checksum) {
        this.file = file;
        this.text = text;
        this.checksum = checksum;
        this.headerPhase = HeaderPhase.of(text);
    }

    /** The version; null for a repeatable migration. */
    public MigrationVersion version() {
        return file.version();
    }

    /** Whether this is a repeatable migration ({@code R__<description>.sql}), which has no version. */
    public boolean repeatable() {
        return file.repeatable();
    }

    /**
     * The file's bytes as they are on disk (not decoded, nothing normalised), read again: for checksums that other
     * tools take of the raw file.
     *
     * @throws dev.slipway.migrate.SlipwayException if the file cannot be read any more
     */
    public byte[] bytes() {
        return MigrationScriptReader.bytesOf(file);
    }

    /** The file's text: decoded, BOM removed, line endings normalised to LF (what {@link #checksum()} is taken of). */
    public String normalisedText() {
        return text();
    }

    public String name() {
        return file.name();
    }

    /** The file as a location. */
    public String source() {
        return file.source();
    }

    /** Lower-case hex SHA-256 of the normalised text. */
    public String checksum() {
        return checksum;
    }

    /**
     * The phase the file's header declares with {@code -- slipway:phase}, read without splitting the file; empty
     * when the header declares none (the migration is then an expand migration, if the file is valid) or declares
     * it in a way the full read refuses.
     */
    public java.util.Optional<dev.slipway.migrate.MigrationPhase> headerPhase() {
        return headerPhase;
    }

    MigrationFile file() {
        return file;
    }

    String text() {
        String kept = text;
        if (kept != null) {
            return kept;
        }
        ScriptText.Decoded again = ScriptText.decode(MigrationScriptReader.bytesOf(file), file.source());
        if (!again.checksum().equals(checksum)) {
            throw new dev.slipway.migrate.InvalidMigrationException(
                    file.source(),
                    0,
                    "The file changed while Slipway"
                            + " was reading it (checksum " + checksum + " when first read, " + again.checksum()
                            + " now)."
                            + " Nothing was applied from it.",
                    dev.slipway.migrate.Action.text("Start again once the file is" + " written."));
        }
        return again.text();
    }

    /** Lets go of the text of a large file, which its statements now hold. */
    void release() {
        String kept = text;
        if (kept != null && kept.length() > KEPT_TEXT_LIMIT) {
            text = null;
        }
    }

    /** {@code <version>_<name>}, or {@code R__<name>} for a repeatable migration. */
    public String id() {
        return file.repeatable() ? "R__" + file.name() : file.version() + "_" + file.name();
    }

    @Override
    public String toString() {
        return id();
    }
}
