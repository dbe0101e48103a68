package org.ketnoi.population.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The characters of a file, decoded as strict UTF-8 in fixed-size blocks (memory stays the same
 * for a file of any size), with the physical line number of each character. A byte sequence that
 * is not UTF-8 stops the file at the line it is on; a file cut inside a character is truncated.
 * A leading byte order mark is skipped.
 */
final class DecodedInput {

    static final int END = -1;
    private static final int BLOCK = 64 * 1024;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BLOCK).flip();
    private final CharBuffer chars = CharBuffer.allocate(BLOCK).flip();
    private boolean endOfBytes;
    private boolean endOfChars;
    private CoderResult pendingError;
    private boolean errorAtEnd;
    private long nextLine = 1;
    private long line = 1;
    private boolean started;

    DecodedInput(InputStream in) {
        this.in = in;
    }

    /** The next character, or {@link #END}. */
    int read() {
        if (!chars.hasRemaining() && !fill()) {
            return END;
        }
        char c = chars.get();
        if (!started) {
            started = true;
            // Windows tools start UTF-8 files with a byte order mark; it is not part of the data.
            if (c == '\uFEFF') {
                return read();
            }
        }
        line = nextLine;
        if (c == '\n') {
            nextLine++;
        }
        return c;
    }

    /** The line of the character last read (a line end belongs to the line it ends). */
    long line() {
        return line;
    }

    /** The line the next character would be on: where a reader that hit the end or a bad byte stands. */
    long nextLine() {
        return nextLine;
    }

    /** Refills the characters; false at the end of the file. Throws at a bad byte once the good ones are read. */
    private boolean fill() {
        chars.clear();
        try {
            while (chars.position() == 0) {
                if (pendingError != null) {
                    throw errorAtEnd
                            ? ImportFileRefused.truncated(nextLine)
                            : new ImportFileRefused("encoding", "the file is not UTF-8 (line " + nextLine
                                    + "); save it as UTF-8 and import it again", nextLine);
                }
                if (endOfChars) {
                    return false;
                }
                if (!bytes.hasRemaining() && !endOfBytes) {
                    readBytes();
                }
                decode();
            }
            return true;
        } finally {
            chars.flip();
        }
    }

    private void decode() {
        CoderResult result = decoder.decode(bytes, chars, endOfBytes);
        if (result.isError()) {
            pendingError = result;
            // At the end, bytes that only start a character mean the file was cut, not mis-encoded.
            errorAtEnd = endOfBytes && bytes.remaining() == result.length() && startsCharacter(bytes);
            return;
        }
        if (endOfBytes && !bytes.hasRemaining() && result.isUnderflow()) {
            decoder.flush(chars);
            endOfChars = true;
        }
        if (result.isUnderflow() && !endOfBytes) {
            readBytes();
        }
    }

    private static boolean startsCharacter(ByteBuffer rest) {
        int lead = rest.get(rest.position()) & 0xFF;
        int needed = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0;
        if (needed == 0 || rest.remaining() >= needed) {
            return false;
        }
        for (int i = rest.position() + 1; i < rest.limit(); i++) {
            if ((rest.get(i) & 0xC0) != 0x80) {
                return false;
            }
        }
        return true;
    }

    private void readBytes() {
        bytes.compact();
        try {
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                endOfBytes = true;
            } else {
                bytes.position(bytes.position() + n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the file failed at line " + nextLine, e);
        } finally {
            bytes.flip();
        }
    }
}
