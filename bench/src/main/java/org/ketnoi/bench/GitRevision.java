package org.ketnoi.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The commit the figures belong to. "-dirty" when the working tree has changes, because then
 * the commit alone does not say what was measured.
 */
record GitRevision(String shortHash, boolean dirty) {

    static GitRevision of(Path repoRoot) {
        String hash = Commands.output(List.of("git", "rev-parse", "--short", "HEAD"), repoRoot);
        String status = Commands.output(List.of("git", "status", "--porcelain"), repoRoot);
        return new GitRevision(hash == null || hash.isBlank() ? "unknown" : hash, status != null && !status.isBlank());
    }

    String describe() {
        return shortHash + (dirty ? "-dirty" : "");
    }
}
