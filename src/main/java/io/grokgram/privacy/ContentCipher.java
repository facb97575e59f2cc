package io.grokgram.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.ConfigurationV0;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.util.SecretBytes;
import io.grokgram.store.Database;
import io.grokgram.store.Tx;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Optional encryption of content at rest, one key per user, so that erasing a user is deleting one key
 * (crypto-shredding): whatever was sealed with it — in the database, a backup or a log — can never be opened again.
 *
 * <p>Each user gets a Tink AES-256-GCM keyset, stored in {@code user_keys} encrypted with the operator's {@link
 * MasterKey} and bound to the user id (so a keyset row copied to another user does not open). Sealed values read
 * {@code enc1:} and base64; the user id is the associated data, so one user's value does not open as another's. Values
 * without the prefix pass through {@link #open} unchanged: turning encryption on later leaves old rows readable. Keys are
 * cached in memory once unwrapped.
 */
public final class ContentCipher {
    static final String PREFIX = "enc1:";
    private static final byte[] KEYSET_CONTEXT = "grokgram user keyset ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CONTENT_CONTEXT = "grokgram content ".getBytes(StandardCharsets.UTF_8);

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Optional<Database> database;
    private final Optional<Aead> master;
    private final Clock clock;
    private final Map<Long, Aead> keys = new ConcurrentHashMap<>();

    private ContentCipher(Optional<Database> database, Optional<Aead> master, Clock clock) {
        this.database = database;
        this.master = master;
        this.clock = clock;
    }

    /** Encryption on: user keys in {@code database}, wrapped by {@code masterKey}. */
    public static ContentCipher withMasterKey(Database database, MasterKey masterKey, Clock clock) {
        return new ContentCipher(
                Optional.of(Objects.requireNonNull(database, "database")),
                Optional.of(masterAead(Objects.requireNonNull(masterKey, "masterKey"))),
                Objects.requireNonNull(clock, "clock"));
    }

    /** Encryption off (no master key configured): {@link #seal} returns the text as it is. */
    public static ContentCipher disabled() {
        return new ContentCipher(Optional.empty(), Optional.empty(), Clock.systemUTC());
    }

    public boolean enabled() {
        return master.isPresent();
    }

    /** {@code text} sealed for {@code subject} ({@code enc1:…}), creating their key on first use; as is when off. */
    public String seal(DataSubject subject, String text) {
        return enabled() ? seal(key(subject, true).orElseThrow(), subject, text) : text;
    }

    /** Like {@link #seal(DataSubject, String)}, inside the caller's transaction (where the content is written). */
    public String seal(Tx tx, DataSubject subject, String text) {
        return enabled() ? seal(key(tx, subject, true).orElseThrow(), subject, text) : text;
    }

    private static String seal(Aead key, DataSubject subject, String text) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        try {
            byte[] sealed = key.encrypt(text.getBytes(StandardCharsets.UTF_8), ad(subject));
            return PREFIX + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * The text of a stored value: a sealed one opened with {@code subject}'s key, anything else as it is.
     *
     * @throws UnreadableContentException when a sealed value cannot be opened: the key was erased, the value belongs to
     *     another user or was changed, or encryption is off
     */
    public String open(DataSubject subject, String stored) {
        return needsKey(stored) ? open(key(subject, false), subject, stored) : stored;
    }

    /** Like {@link #open(DataSubject, String)}, inside the caller's transaction (where the content is read). */
    public String open(Tx tx, DataSubject subject, String stored) {
        return needsKey(stored) ? open(key(tx, subject, false), subject, stored) : stored;
    }

    private boolean needsKey(String stored) {
        Objects.requireNonNull(stored, "stored");
        if (!stored.startsWith(PREFIX)) {
            return false;
        }
        if (!enabled()) {
            throw new UnreadableContentException(
                    "a sealed value cannot be opened: encryption is off (no master key configured)", null);
        }
        return true;
    }

    private static String open(Optional<Aead> found, DataSubject subject, String stored) {
        Objects.requireNonNull(subject, "subject");
        Aead key = found.orElseThrow(() -> new UnreadableContentException(
                "a sealed value cannot be opened: this user's key no longer exists (erased)", null));
        try {
            byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            return new String(key.decrypt(sealed, ad(subject)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadableContentException(
                    "a sealed value cannot be opened: it belongs to another user or was changed", e);
        }
    }

    /** Whether {@code subject} has a key, for an export (the key itself is never exported). */
    boolean hasKey(Tx tx, DataSubject subject) {
        return enabled() && wrapped(tx, subject).isPresent();
    }

    /** Deletes the user's key inside the erasure's transaction, and forgets it here: what it sealed is gone for good. */
    int erase(Tx tx, DataSubject subject) {
        keys.remove(subject.telegramUserId());
        return tx.update("DELETE FROM user_keys WHERE user_id = ?", subject.telegramUserId());
    }

    private Optional<Aead> key(DataSubject subject, boolean create) {
        Aead cached = keys.get(subject.telegramUserId());
        if (cached != null) {
            return Optional.of(cached);
        }
        return database.orElseThrow().inTransaction(tx -> key(tx, subject, create));
    }

    /**
     * The user's key as {@code tx} sees it, created there if asked. A key created inside the caller's transaction is
     * cached only once a later read finds it committed: were the transaction rolled back, a cached key would seal text
     * that no stored key could ever open again.
     */
    private Optional<Aead> key(Tx tx, DataSubject subject, boolean create) {
        Aead cached = keys.get(subject.telegramUserId());
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> existing = wrapped(tx, subject);
        if (existing.isPresent()) {
            Aead key = unwrap(subject, existing.get());
            keys.put(subject.telegramUserId(), key);
            return Optional.of(key);
        }
        if (!create) {
            return Optional.empty();
        }
        // concurrent first seals each offer a keyset; the primary key keeps one, and all read back that one
        tx.update(
                "INSERT INTO user_keys (user_id, wrapped_keyset, created_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (user_id) DO NOTHING",
                subject.telegramUserId(),
                newWrappedKeyset(subject),
                clock.millis());
        return wrapped(tx, subject).map(value -> unwrap(subject, value));
    }

    private static Optional<String> wrapped(Tx tx, DataSubject subject) {
        return tx.queryOne(
                "SELECT wrapped_keyset FROM user_keys WHERE user_id = ?",
                row -> row.getString("wrapped_keyset"),
                subject.telegramUserId());
    }

    private String newWrappedKeyset(DataSubject subject) {
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            byte[] wrapped =
                    TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, master.orElseThrow(), keysetAd(subject));
            return Base64.getEncoder().encodeToString(wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not create a content key", e);
        }
    }

    private Aead unwrap(DataSubject subject, String wrapped) {
        try {
            KeysetHandle keyset = TinkProtoKeysetFormat.parseEncryptedKeyset(
                    Base64.getDecoder().decode(wrapped), master.orElseThrow(), keysetAd(subject));
            return keyset.getPrimitive(ConfigurationV0.get(), Aead.class);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadableContentException(
                    "this user's key cannot be unwrapped: another master key, or a key row of another user", e);
        }
    }

    private static Aead masterAead(MasterKey masterKey) {
        try {
            AesGcmParameters parameters = AesGcmParameters.builder()
                    .setKeySizeBytes(MasterKey.LENGTH)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                    .build();
            AesGcmKey key = AesGcmKey.builder()
                    .setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(masterKey.bytes(), InsecureSecretKeyAccess.get()))
                    .build();
            return KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary())
                    .build()
                    .getPrimitive(ConfigurationV0.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the master key cannot be used for AES-256-GCM", e);
        }
    }

    private static byte[] ad(DataSubject subject) {
        return context(CONTENT_CONTEXT, subject);
    }

    private static byte[] keysetAd(DataSubject subject) {
        return context(KEYSET_CONTEXT, subject);
    }

    private static byte[] context(byte[] prefix, DataSubject subject) {
        byte[] id = Long.toString(subject.telegramUserId()).getBytes(StandardCharsets.UTF_8);
        byte[] ad = new byte[prefix.length + id.length];
        System.arraycopy(prefix, 0, ad, 0, prefix.length);
        System.arraycopy(id, 0, ad, prefix.length, id.length);
        return ad;
    }
}
