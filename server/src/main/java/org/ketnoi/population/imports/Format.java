package org.ketnoi.population.imports;

import java.util.Locale;
import org.ketnoi.platform.InvalidInput;

/** The file formats of imports and exports: CSV with a header row, or one JSON object per line. */
public enum Format {
    CSV("text/csv", "csv"), NDJSON("application/x-ndjson", "ndjson");

    private final String mediaType;
    private final String extension;

    Format(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The format named by a parameter such as {@code csv} or {@code ndjson}. */
    public static Format parse(String name) {
        if (name != null) {
            switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> {
                    return CSV;
                }
                case "ndjson", "jsonl" -> {
                    return NDJSON;
                }
                default -> {
                }
            }
        }
        throw new InvalidInput("format", "The format is csv or ndjson, got '" + name + "'", name);
    }
}
