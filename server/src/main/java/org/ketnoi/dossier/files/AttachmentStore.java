package org.ketnoi.dossier.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.platform.KetnoiProperties;
import org.ketnoi.platform.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Attachments of dossiers on disk, content-addressed: a file lives at
 * {@code <data dir>/files/<first 2 hex>/<next 2 hex>/<sha256>}, so the same scan uploaded twice is
 * stored once and a stored file can never change under the hash that names it.
 *
 * <p>An upload is accepted by what it is, never by what it is called: a PDF that PDFBox opens (not
 * encrypted), or a JPEG or PNG whose header ImageIO reads. It is written to a temporary file while
 * its hash is computed, flushed to disk and renamed into place before {@link #store} returns, so a
 * database row that points at it can be committed afterwards without ever pointing at nothing.
 */
@Component
public class AttachmentStore {

    /** The field every refusal names; pages show {@code invalid.attachment.<rule>}. */
    public static final String FIELD = "attachment";

    public static final String PDF = "application/pdf";
    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";

    /** Names longer than this are cut, keeping the extension: enough for any real scan's name. */
    static final int MAX_NAME = 120;

    private static final Logger log = LoggerFactory.getLogger(AttachmentStore.class);
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
            'I', 'H', 'D', 'R'};
    /** Temporary files older than this were left by a stopped process; uploads take seconds. */
    private static final Duration STALE = Duration.ofHours(6);

    private final Path root;
    private final Path tmp;
    private final long maxSize;

    @Autowired
    public AttachmentStore(KetnoiProperties properties,
            @Value("${ketnoi.dossier.max-attachment-size:10MB}") DataSize maxSize) {
        this(properties.dataDir().resolve("files"), maxSize);
    }

    /** A store under {@code root} (the {@code files} folder itself). */
    public AttachmentStore(Path root, DataSize maxSize) {
        if (maxSize.toBytes() < 1) {
            throw new IllegalArgumentException("ketnoi.dossier.max-attachment-size must be positive, not " + maxSize);
        }
        this.root = root.toAbsolutePath();
        this.tmp = this.root.resolve("tmp");
        this.maxSize = maxSize.toBytes();
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the attachment folder " + tmp, e);
        }
        removeStaleUploads();
    }

    /** A stored attachment: what a dossier row keeps. */
    public record StoredFile(String sha256, long size, String mediaType, String name) {
    }

    public long maxSize() {
        return maxSize;
    }

    /**
     * Checks and stores an upload. The stream is read to its end (or until it passes the maximum
     * size) but not closed.
     *
     * @param declaredName the name the browser sent, shown to people after cleaning; may be null
     * @throws InvalidInput when the upload is empty, too large, or not a readable PDF, JPEG or PNG;
     *         nothing is stored then
     */
    public StoredFile store(InputStream content, String declaredName) {
        Path upload = null;
        try {
            upload = Files.createTempFile(tmp, "upload-", ".part");
            MessageDigest sha256 = sha256();
            long size = 0;
            try (FileChannel channel = FileChannel.open(upload, StandardOpenOption.WRITE);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = content.read(buffer)) != -1) {
                    size += read;
                    if (size > maxSize) {
                        // stop reading: the rest of a 4 GB upload is not worth a disk write
                        throw InvalidInput.because("attachment.too-large", FIELD,
                                "The attachment is larger than the " + maxSize + " bytes allowed",
                                displayed(declaredName), readableSize(maxSize));
                    }
                    sha256.update(buffer, 0, read);
                    out.write(buffer, 0, read);
                }
                out.flush();
                channel.force(true);
            }
            if (size == 0) {
                throw InvalidInput.because("attachment.empty", FIELD, "The attachment is empty (0 bytes)",
                        displayed(declaredName));
            }
            String mediaType = mediaType(upload, declaredName);
            String hash = HexFormat.of().formatHex(sha256.digest());
            moveIntoPlace(upload, hash);
            upload = null;
            return new StoredFile(hash, size, mediaType, cleanName(declaredName, mediaType));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store an attachment under " + root, e);
        } finally {
            if (upload != null) {
                deleteQuietly(upload);
            }
        }
    }

    /** The stored file's content; the caller closes the stream. */
    public InputStream open(String sha256) {
        Path file = path(sha256);
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new NotFound(FIELD, sha256, "No stored attachment has the hash " + sha256);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the attachment " + file, e);
        }
    }

    public boolean exists(String sha256) {
        return Files.isRegularFile(path(sha256));
    }

    /**
     * Removes a file nothing refers to any more, unless it was stored (again) since {@code before}.
     * The file is first renamed out of its place and its time read after: an upload of the same
     * content either touched it before (it is put back) or finds no file and writes its own copy.
     *
     * @return whether the file was removed
     */
    public boolean removeUnusedFile(String sha256, Instant before) {
        Path file = path(sha256);
        Path removing = tmp.resolve("removing-" + sha256);
        try {
            Files.move(file, removing, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move " + file + " out of its place", e);
        }
        try {
            if (!Files.getLastModifiedTime(removing).toInstant().isBefore(before)) {
                try {
                    Files.move(removing, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException e) {
                    // a new upload put its own copy in place meanwhile
                    Files.delete(removing);
                }
                return false;
            }
            Files.delete(removing);
            fsyncDirectory(file.getParent());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the unused attachment " + sha256, e);
        }
    }

    private Path path(String sha256) {
        if (sha256 == null || !HASH.matcher(sha256).matches()) {
            throw InvalidInput.because("attachment.hash", FIELD,
                    "An attachment's hash is 64 lower-case hexadecimal digits (SHA-256), not '" + sha256 + "'",
                    sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    /** The type the content shows, or a refusal. */
    private static String mediaType(Path file, String declaredName) throws IOException {
        byte[] head = new byte[PNG_MAGIC.length];
        int headLength;
        try (InputStream in = Files.newInputStream(file)) {
            headLength = in.readNBytes(head, 0, head.length);
        }
        if (startsWith(head, headLength, PDF_MAGIC)) {
            checkPdf(file, declaredName);
            return PDF;
        }
        if (headLength >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            checkImage(file, "jpeg", declaredName);
            return JPEG;
        }
        if (startsWith(head, headLength, PNG_MAGIC)) {
            checkImage(file, "png", declaredName);
            return PNG;
        }
        throw InvalidInput.because("attachment.type", FIELD,
                "The attachment is not a PDF, JPEG or PNG file (whatever its name says)", displayed(declaredName));
    }

    private static void checkPdf(Path file, String declaredName) {
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            if (pdf.isEncrypted()) {
                throw encrypted(declaredName);
            }
            if (pdf.getNumberOfPages() < 1) {
                throw damaged(declaredName, "PDF", null);
            }
        } catch (InvalidPasswordException e) {
            throw encrypted(declaredName);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInput refusal) {
                throw refusal;
            }
            throw damaged(declaredName, "PDF", e);
        }
    }

    private static void checkImage(Path file, String format, String declaredName) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator()
                    : ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) {
                throw damaged(declaredName, format.toUpperCase(Locale.ROOT), null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if (reader.getWidth(0) < 1 || reader.getHeight(0) < 1) {
                    throw damaged(declaredName, format.toUpperCase(Locale.ROOT), null);
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInput refusal) {
                throw refusal;
            }
            throw damaged(declaredName, format.toUpperCase(Locale.ROOT), e);
        }
    }

    private static InvalidInput encrypted(String declaredName) {
        return InvalidInput.because("attachment.encrypted", FIELD,
                "The PDF is encrypted or password-protected: officials could not open it", displayed(declaredName));
    }

    private static InvalidInput damaged(String declaredName, String type, Exception cause) {
        if (cause != null) {
            log.debug("Refused a damaged {} upload", type, cause);
        }
        return InvalidInput.because("attachment.damaged", FIELD,
                "The attachment starts like a " + type + " file but cannot be read as one", displayed(declaredName),
                type);
    }

    /**
     * Flushed, then renamed into its final place, then the folder flushed: after this the file
     * survives a power cut. The same content stored before is kept and the new copy dropped.
     */
    private void moveIntoPlace(Path upload, String hash) throws IOException {
        Path target = path(hash);
        if (Files.exists(target)) {
            try {
                // stored again now: the clean-up of unused files leaves it alone (removeUnusedFile)
                Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
                deleteQuietly(upload);
                return;
            } catch (NoSuchFileException e) {
                // being removed as unused at this moment: this upload's copy takes its place
            }
        }
        Path folder = target.getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            fsyncDirectory(folder.getParent());
            fsyncDirectory(root);
        }
        try {
            Files.move(upload, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // another upload of the same content won the race: its file is ours
            deleteQuietly(upload);
            return;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The attachment folder " + root + " must be one file system with its tmp folder", e);
        }
        fsyncDirectory(folder);
    }

    private static void fsyncDirectory(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot open a folder for reading; the rename itself is done
            log.debug("Could not flush the folder {}", folder, e);
        }
    }

    private void removeStaleUploads() {
        Instant before = Instant.now().minus(STALE);
        try (Stream<Path> files = Files.list(tmp)) {
            files.filter(f -> f.getFileName().toString().endsWith(".part")).forEach(f -> {
                try {
                    FileTime modified = Files.getLastModifiedTime(f);
                    if (modified.toInstant().isBefore(before)) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException e) {
                    log.debug("Could not remove the stale upload {}", f, e);
                }
            });
        } catch (IOException e) {
            log.warn("Could not list {} to remove uploads a stopped process left", tmp, e);
        }
        // a removal a stopped process left half done: put the file back, the next clean-up decides again
        try (Stream<Path> files = Files.list(tmp)) {
            files.filter(f -> f.getFileName().toString().startsWith("removing-")).forEach(f -> {
                String hash = f.getFileName().toString().substring("removing-".length());
                try {
                    Path target = path(hash);
                    Files.createDirectories(target.getParent());
                    Files.move(f, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException | InvalidInput e) {
                    log.warn("Could not put {} back in its place", f, e);
                }
            });
        } catch (IOException e) {
            log.warn("Could not list {} for removals a stopped process left", tmp, e);
        }
    }

    /**
     * The declared name as people may see it: no folders, no control or direction-changing
     * characters, at most {@value #MAX_NAME} characters, and the extension of what the file really is.
     */
    static String cleanName(String declared, String mediaType) {
        String extension = switch (mediaType) {
            case PDF -> ".pdf";
            case JPEG -> ".jpg";
            case PNG -> ".png";
            default -> throw new IllegalArgumentException(mediaType);
        };
        String name = declared == null ? "" : Normalizer.normalize(declared, Normalizer.Form.NFC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("\\s+", " ")
                .replaceAll("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}\\p{Cs}]", "")
                .replaceAll("[<>:\"|?*]", "")
                .strip();
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && name.substring(dot + 1).matches("[\\p{Alnum}]{1,5}")) {
            String own = name.substring(dot + 1).toLowerCase(Locale.ROOT);
            boolean right = switch (mediaType) {
                case JPEG -> own.equals("jpg") || own.equals("jpeg");
                default -> ("." + own).equals(extension);
            };
            if (right) {
                extension = "." + own;
            }
            name = name.substring(0, dot);
        }
        name = name.replaceAll("^[.\\s]+|[.\\s]+$", "");
        if (name.isEmpty()) {
            name = "tep-dinh-kem";
        }
        int room = MAX_NAME - extension.length();
        if (name.codePointCount(0, name.length()) > room) {
            name = name.substring(0, name.offsetByCodePoints(0, room)).strip();
        }
        return name + extension;
    }

    /** The name as an error message shows it (before any checks on the content). */
    private static String displayed(String declared) {
        String name = declared == null ? "" : declared;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}\\p{Cs}]", "").strip();
        return name.codePointCount(0, name.length()) > MAX_NAME
                ? name.substring(0, name.offsetByCodePoints(0, MAX_NAME)) + "…" : name;
    }

    /** A size as people read it: "10 MB", "512 KB", "900 B" (binary units, as DataSize counts them). */
    static String readableSize(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
        }
        if (bytes >= 1024) {
            return bytes / 1024 + " KB";
        }
        return bytes + " B";
    }

    private static boolean startsWith(byte[] head, int length, byte[] magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the temporary upload {}", file, e);
        }
    }
}
