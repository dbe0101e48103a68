package org.ketnoi.population.imports;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.postgresql.copy.CopyIn;

/**
 * The validated rows of one COPY, kept in PostgreSQL's text format until the chunk is in the
 * table, so that rows found to be duplicates can be dropped and the rest sent again. Memory is
 * bounded by the row count (a chunk of 20,000 citizens is a few megabytes).
 */
final class CopyChunk {

    private final int capacity;
    private final long[] lines;
    private final long[] ids;
    private final String[] households;
    private final int[] ends;
    private final boolean[] dropped;
    private final Map<Long, Long> lineOfId;
    private final StringBuilder text = new StringBuilder(1024);
    private byte[] data = new byte[1 << 20];
    private int size;
    private int count;
    private int live;

    CopyChunk(int capacity) {
        this.capacity = capacity;
        lines = new long[capacity];
        ids = new long[capacity];
        households = new String[capacity];
        ends = new int[capacity];
        dropped = new boolean[capacity];
        lineOfId = HashMap.newHashMap(capacity);
    }

    /** The line of the row of this chunk that has this number, or -1. */
    long lineOf(long id) {
        return lineOfId.getOrDefault(id, -1L);
    }

    void add(long line, long id, String household, Iterable<Object> values) {
        text.setLength(0);
        for (Object value : values) {
            if (!text.isEmpty()) {
                text.append('\t');
            }
            appendValue(text, value);
        }
        text.append('\n');
        byte[] row = text.toString().getBytes(StandardCharsets.UTF_8);
        if (size + row.length > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + row.length));
        }
        System.arraycopy(row, 0, data, size, row.length);
        size += row.length;
        lines[count] = line;
        ids[count] = id;
        households[count] = household;
        ends[count] = size;
        dropped[count] = false;
        lineOfId.put(id, line);
        count++;
        live++;
    }

    boolean isFull() {
        return count == capacity;
    }

    boolean isEmpty() {
        return live == 0;
    }

    int live() {
        return live;
    }

    int count() {
        return count;
    }

    long line(int row) {
        return lines[row];
    }

    long id(int row) {
        return ids[row];
    }

    boolean isDropped(int row) {
        return dropped[row];
    }

    /** Leaves a row out of the next COPY. */
    void drop(int row) {
        if (!dropped[row]) {
            dropped[row] = true;
            live--;
        }
    }

    /** The numbers of the rows still in. */
    Long[] liveIds() {
        Long[] result = new Long[live];
        for (int i = 0, j = 0; i < count; i++) {
            if (!dropped[i]) {
                result[j++] = ids[i];
            }
        }
        return result;
    }

    /** Sends the rows still in, as runs of adjacent rows. */
    void writeRows(CopyIn copy) throws SQLException {
        int runStart = 0;
        for (int i = 0; i <= count; i++) {
            if (i == count || dropped[i]) {
                int from = runStart == 0 ? 0 : ends[runStart - 1];
                int to = i == 0 ? 0 : ends[i - 1];
                if (to > from) {
                    copy.writeToCopy(data, from, to - from);
                }
                runStart = i + 1;
            }
        }
    }

    /** Sends line, number and household of the rows still in, for the checks after loading. */
    void writeKeys(CopyIn copy) throws SQLException {
        StringBuilder keys = new StringBuilder(live * 32);
        for (int i = 0; i < count; i++) {
            if (!dropped[i]) {
                keys.append(lines[i]).append('\t').append(ids[i]).append('\t');
                appendValue(keys, households[i]);
                keys.append('\n');
            }
        }
        byte[] bytes = keys.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
    }

    void clear() {
        Arrays.fill(households, 0, count, null);
        lineOfId.clear();
        size = 0;
        count = 0;
        live = 0;
    }

    /** One value in COPY's text format: \N for null, backslash escapes for the separators. */
    static void appendValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
