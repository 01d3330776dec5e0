package dev.slipway.migrate.internal.discovery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The migration files of some locations as last read, for an engine that asks for them again and again (the status
 * behind health checks, the endpoint and meters), so that a request reads and hashes no file that it read before.
 *
 * <ol>
 *   <li>The first call lists the locations and reads every file ({@link MigrationLoader#scanAll}).</li>
 *   <li>When every location is on the classpath, later calls return that result: what the class loader serves (the
 *       build's classes, a jar) does not change while the application runs.</li>
 *   <li>Otherwise later calls list the locations again (a directory listing, and for a file on the classpath
 *       nothing more) and look at each file of a {@code filesystem:} location: one whose size and modification time
 *       are those it had when read is not read again; a new or changed one is read, checksummed and checked. What is
 *       gone is forgotten.</li>
 *   <li>One call at a time does the work. A caller that waited while another call loaded gets that call's result
 *       when the load began after the caller arrived (it is as fresh as a load of its own), so concurrent requests
 *       share one load instead of each reading the files.</li>
 *   <li>A failed load caches nothing: the next call tries again.</li>
 * </ol>
 */
public final class MigrationCache {

    private final List<String> locations;
    private final ClassLoader classLoader;
    /** Whether every location is on the classpath; known once a load succeeded (a bad location fails the load). */
    private boolean classpathOnly;

    private final Object lock = new Object();

    /** By file identity: the file's stamp when read (null: on the classpath) and what was read. */
    private Map<String, Read> reads = Map.of();

    private MigrationLoader.Found last;
    private long lastStarted = Long.MIN_VALUE;

    private record Read(ScannedEntry.Stamp stamp, MigrationText text) {}

    public MigrationCache(List<String> locations, ClassLoader classLoader) {
        this.locations = List.copyOf(Objects.requireNonNull(locations, "'locations' must not be null"));
        this.classLoader = Objects.requireNonNull(classLoader, "'classLoader' must not be null");
    }

    /**
     * The migrations of the locations: {@link MigrationLoader#scanAll}, reading only what is new or changed.
     *
     * @throws dev.slipway.migrate.InvalidMigrationException as {@link MigrationLoader#scanAll} does
     */
    public MigrationLoader.Found scanAll() {
        long arrived = System.nanoTime();
        synchronized (lock) {
            if (last != null && (classpathOnly || lastStarted - arrived >= 0)) {
                return last;
            }
            long started = System.nanoTime();
            Map<String, Read> previous = reads;
            Map<String, Read> now = new java.util.concurrent.ConcurrentHashMap<>();
            MigrationLoader.Found found =
                    MigrationLoader.scanAll(locations, classLoader, file -> fetch(file, previous, now));
            reads = new HashMap<>(now);
            classpathOnly = locations.stream()
                    .allMatch(location -> Location.parse(location).kind() == Location.Kind.CLASSPATH);
            last = found;
            lastStarted = started;
            return found;
        }
    }

    /** The versioned migrations of {@link #scanAll()}. */
    public List<MigrationText> scan() {
        return scanAll().versioned();
    }

    /**
     * How many times this JVM read the migration files whose source (as shown in messages) starts with the given
     * prefix, e.g. {@code filesystem:/srv/app/migrations}: for tests.
     */
    public static long timesRead(String sourcePrefix) {
        return MigrationScriptReader.timesRead(sourcePrefix);
    }

    private static MigrationText fetch(MigrationFile file, Map<String, Read> previous, Map<String, Read> now) {
        ScannedEntry.Stamp stamp = file.source().startsWith(Location.CLASSPATH_PREFIX)
                ? null
                : MigrationScriptReader.stampOf(file.content(), file.source());
        Read before = previous.get(file.identity());
        if (before != null
                && Objects.equals(before.stamp(), stamp)
                && before.text().source().equals(file.source())) {
            now.put(file.identity(), before);
            return before.text();
        }
        MigrationText text = MigrationScriptReader.fetch(file);
        now.put(file.identity(), new Read(stamp, text));
        return text;
    }
}
