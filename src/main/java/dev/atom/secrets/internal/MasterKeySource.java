package dev.atom.secrets.internal;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the master keyset comes from: {@code ATOM_MASTER_KEY} (base64 of a Tink JSON keyset, or the JSON
 * itself) when set, else {@code <data dir>/master-key.json}, written with mode 0600. Never logs key material.
 */
final class MasterKeySource {
    static final String FILE_NAME = "master-key.json";
    private static final Logger log = LoggerFactory.getLogger(MasterKeySource.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final String environmentValue;
    private final Path file;

    MasterKeySource(String environmentValue, Path dataDir) {
        this.environmentValue = environmentValue == null || environmentValue.isBlank() ? null : environmentValue.trim();
        this.file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
    }

    boolean fromEnvironment() {
        return environmentValue != null;
    }

    Path file() {
        return file;
    }

    /** Where the key was (or would be) found, for messages: never the key itself. */
    String describe() {
        return fromEnvironment() ? "ATOM_MASTER_KEY" : file.toString();
    }

    Optional<KeysetHandle> load() {
        if (fromEnvironment()) {
            return Optional.of(parse(decodeEnvironmentValue(), "ATOM_MASTER_KEY"));
        }
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            warnIfReadableByOthers();
            return Optional.of(parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        } catch (IOException e) {
            throw new MasterKeyException(
                    "Cannot read the master key file " + file + ": " + e.getMessage() + ".",
                    "Make it readable by the user running Atom (and only by that user: chmod 600).",
                    e);
        }
    }

    /** Creates a new keyset in the key file; fails rather than overwrite an existing file. */
    KeysetHandle generate() {
        KeysetHandle handle = newKeyset();
        try {
            Files.createDirectories(file.getParent());
            writeOwnerOnly(file, serialize(handle));
        } catch (FileAlreadyExistsException e) {
            throw new MasterKeyException(
                    "The master key file " + file + " appeared while Atom was starting.",
                    "Start only one Atom process per data directory.",
                    e);
        } catch (IOException e) {
            throw new MasterKeyException(
                    "Cannot write a new master key to " + file + ": " + e.getMessage() + ".",
                    "Make the data directory (ATOM_DATA_DIR) writable, or set ATOM_MASTER_KEY.",
                    e);
        }
        log.warn(
                "Generated a new master key at {} (mode 0600). Back this file up now and keep it apart from the"
                        + " database backups: without it the secrets stored by Atom cannot be decrypted."
                        + " Alternatively set ATOM_MASTER_KEY (see README).",
                file);
        return handle;
    }

    /**
     * Saves a rotated keyset: replaces the key file atomically, or, for a key from the environment, prints
     * the new value to stdout (never to the log) for the operator to put into ATOM_MASTER_KEY.
     */
    void store(KeysetHandle handle) throws IOException {
        String json = serialize(handle);
        if (fromEnvironment()) {
            String value = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
            System.out.println("The master key comes from ATOM_MASTER_KEY. Set it to this new value before"
                    + " Atom starts again (the old value cannot decrypt the re-encrypted secrets):");
            System.out.println(value);
            System.out.flush();
            return;
        }
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(temp);
        writeOwnerOnly(temp, json);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static KeysetHandle newKeyset() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an AES256-GCM keyset", e);
        }
    }

    static String serialize(KeysetHandle handle) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot serialize the master keyset", e);
        }
    }

    private static KeysetHandle parse(String json, String where) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            // the parser's message may quote key material: do not pass it on
            throw new MasterKeyException(
                    "The master key in " + where + " is not a valid Tink JSON keyset.",
                    "Restore it from your backup; ATOM_MASTER_KEY must be the base64 of master-key.json.",
                    null);
        }
    }

    private String decodeEnvironmentValue() {
        if (environmentValue.startsWith("{")) {
            return environmentValue;
        }
        try {
            return new String(Base64.getMimeDecoder().decode(environmentValue), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MasterKeyException(
                    "ATOM_MASTER_KEY is not base64.",
                    "Set it to the base64 of a Tink JSON keyset (for example: base64 -w0 master-key.json).",
                    null);
        }
    }

    private static void writeOwnerOnly(Path target, String content) throws IOException {
        boolean posix = target.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        try (FileChannel channel =
                FileChannel.open(target, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            channel.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        if (posix) {
            Files.setPosixFilePermissions(target, OWNER_ONLY); // the umask may have narrowed or widened it
        }
    }

    private void warnIfReadableByOthers() throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")
                && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
            log.warn("The master key file {} is readable by other users; restrict it with: chmod 600 {}", file, file);
        }
    }
}
