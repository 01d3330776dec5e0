package dev.slipway.migrate.internal.adopt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum Flyway stores in {@code flyway_schema_history.checksum} for a SQL migration, computed the way Flyway's
 * {@code ChecksumCalculator} does:
 *
 * <ol>
 *   <li>the file is decoded as UTF-8 (Flyway's default encoding; bytes that are not UTF-8 become U+FFFD, as an
 *       {@code InputStreamReader} makes them);</li>
 *   <li>it is read line by line with {@link BufferedReader#readLine()}: {@code \n}, {@code \r} and {@code \r\n} end a
 *       line and are not part of it, and a terminator at the very end adds no empty line;</li>
 *   <li>one byte order mark (U+FEFF) is removed from the start of the first line;</li>
 *   <li>one CRC-32 is updated with the UTF-8 bytes of each line in turn, and its value is cast to a (signed)
 *       {@code int}.</li>
 * </ol>
 *
 * So line endings, empty lines and a BOM do not change it; any other byte does.
 */
final class FlywayChecksum {

    private static final char BOM = '\uFEFF';

    private FlywayChecksum() {}

    /** Flyway's checksum of a file's bytes. */
    static int of(byte[] bytes) {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            String line = reader.readLine();
            if (line != null && !line.isEmpty() && line.charAt(0) == BOM) {
                line = line.substring(1);
            }
            while (line != null) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
                line = reader.readLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return (int) crc.getValue();
    }
}
