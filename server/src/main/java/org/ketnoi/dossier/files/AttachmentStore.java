package org.ketnoi.dossier.files;

import java.io.InputStream;

/** PLACEHOLDER until the `parts` branch lands (same signatures). */
@org.springframework.stereotype.Component
public class AttachmentStore {

    public record StoredFile(String sha256, long size, String mediaType, String name) {
    }

    public StoredFile store(InputStream content, String declaredName) {
        throw new UnsupportedOperationException("placeholder");
    }

    public InputStream open(String sha256) {
        throw new UnsupportedOperationException("placeholder");
    }

    public boolean exists(String sha256) {
        throw new UnsupportedOperationException("placeholder");
    }
}
