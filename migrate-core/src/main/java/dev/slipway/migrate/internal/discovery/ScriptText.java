package dev.slipway.migrate.internal.discovery;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.InvalidMigrationException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The text of a migration file: strictly decoded from UTF-8, then normalised (BOM removed, CRLF and CR
 * turned into LF) so that the checksum and the statements' line numbers do not depend on the editor or on
 * Git's line-ending conversion. Normalising keeps the number of lines. A file holding a NUL character is
 * refused ({@link NulCharacters}).
 *
 * <p>A file may be tens of megabytes (a data import), so {@link #decode} works on the bytes as read and makes one
 * string of them:
 * <ol>
 *   <li>Check that the bytes are UTF-8, decoding them through a small buffer that is reused.</li>
 *   <li>Take the SHA-256 of the normalised bytes, normalising on the fly: in UTF-8 a CR byte and the BOM's bytes
 *       are never part of another character, so normalising the bytes normalises the text.</li>
 *   <li>Look for a NUL byte (in UTF-8 only U+0000 has one).</li>
 *   <li>Decode the normalised bytes into the one string the splitter, the linter and the runner share; the bytes
 *       are copied once more only when they hold a CR.</li>
 * </ol>
 */
final class ScriptText {

    private static final char BOM = '\uFEFF';
    private static final int BUFFER = 8192;

    private ScriptText() {}

    /**
     * A file's text and checksum.
     *
     * @param text decoded and normalised
     * @param checksum lower-case hex SHA-256 of the UTF-8 bytes of {@code text}
     */
    record Decoded(String text, String checksum) {}

    /**
     * Decodes and normalises a file's bytes.
     *
     * @throws InvalidMigrationException naming the line of the first byte that is not valid UTF-8, or the line
     *     and column of a NUL character ({@link NulCharacters})
     */
    static String read(byte[] bytes, String source) {
        return decode(bytes, source).text();
    }

    /**
     * Decodes and normalises a file's bytes and takes the checksum of the result.
     *
     * @throws InvalidMigrationException naming the line of the first byte that is not valid UTF-8, or the line
     *     and column of a NUL character ({@link NulCharacters})
     */
    static Decoded decode(byte[] bytes, String source) {
        requireUtf8(bytes, source);
        int from =
                bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
                        ? 3
                        : 0;
        MessageDigest sha256 = sha256();
        boolean carriageReturns = false;
        int segment = from;
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\r') {
                carriageReturns = true;
                sha256.update(bytes, segment, i - segment);
                if (i + 1 >= bytes.length || bytes[i + 1] != '\n') {
                    sha256.update((byte) '\n');
                }
                segment = i + 1;
            }
        }
        sha256.update(bytes, segment, bytes.length - segment);
        String text = carriageReturns
                ? new String(withoutCarriageReturns(bytes, from), StandardCharsets.UTF_8)
                : new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        if (hasNul(bytes)) {
            NulCharacters.refuse(text, source);
        }
        return new Decoded(text, HexFormat.of().formatHex(sha256.digest()));
    }

    private static void requireUtf8(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(BUFFER);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
        } while (result.isOverflow());
        if (!result.isError()) {
            out.clear();
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int position = in.position();
            throw new InvalidMigrationException(
                    source,
                    lineAt(bytes, position),
                    "The file is not valid UTF-8 ("
                            + describe(bytes, position, result.length()) + " at offset " + position
                            + " of the file).",
                    Action.text("Save the file as UTF-8."));
        }
    }

    /** The bytes from {@code from} on with CRLF and lone CR turned into LF. */
    private static byte[] withoutCarriageReturns(byte[] bytes, int from) {
        byte[] out = new byte[bytes.length - from];
        int length = 0;
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] != '\r') {
                out[length++] = bytes[i];
            } else if (i + 1 >= bytes.length || bytes[i + 1] != '\n') {
                out[length++] = '\n';
            }
        }
        return length == out.length ? out : java.util.Arrays.copyOf(out, length);
    }

    private static boolean hasNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    /** Removes a leading BOM and turns CRLF and lone CR into LF. */
    static String normalise(String text) {
        String withoutBom = !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
        return withoutBom.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of normalised text. */
    static String checksum(String normalisedText) {
        return HexFormat.of().formatHex(sha256().digest(normalisedText.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    private static int lineAt(byte[] bytes, int position) {
        int line = 1;
        for (int i = 0; i < position; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n')) {
                line++;
            }
        }
        return line;
    }

    private static String describe(byte[] bytes, int position, int length) {
        StringBuilder hex = new StringBuilder(length == 1 ? "byte" : "bytes");
        for (int i = position; i < Math.min(position + length, bytes.length); i++) {
            hex.append(String.format(" 0x%02X", bytes[i] & 0xFF));
        }
        return hex.toString();
    }
}
