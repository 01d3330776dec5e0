package dev.slipway.migrate.internal.discovery;

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
 */
final class ScriptText {

    private static final char BOM = '\uFEFF';

    private ScriptText() {
    }

    /**
     * Decodes and normalises a file's bytes.
     *
     * @throws InvalidMigrationException naming the line of the first byte that is not valid UTF-8, or the line
     *     and column of a NUL character ({@link NulCharacters})
     */
    static String read(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never yields more chars than bytes.
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int position = in.position();
            throw new InvalidMigrationException(source, lineAt(bytes, position), "The file is not valid UTF-8 ("
                    + describe(bytes, position, result.length()) + " at offset " + position
                    + " of the file). Save the file as UTF-8.");
        }
        out.flip();
        String text = normalise(out.toString());
        NulCharacters.refuse(text, source);
        return text;
    }

    /** Removes a leading BOM and turns CRLF and lone CR into LF. */
    static String normalise(String text) {
        String withoutBom = !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
        return withoutBom.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of normalised text. */
    static String checksum(String normalisedText) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(normalisedText.getBytes(StandardCharsets.UTF_8)));
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
