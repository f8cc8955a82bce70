package io.metacortex.host.secrets;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves every secret to the current key, a batch at a time while the host serves: each row's update is
 * conditioned on the ciphertext read, so a secret put meanwhile keeps its new value (already under the current
 * key). A secret that cannot be decrypted is left as it is, logged and counted.
 */
public final class SecretReencryption {

    private static final Logger LOG = LoggerFactory.getLogger(SecretReencryption.class);
    private static final int BATCH = 200;

    /** What a run did: secrets moved to {@code currentKey}, and secrets left because they could not be read. */
    public record Result(int reencrypted, String currentKey, int unreadable) {}

    private final StoredSecrets secrets;
    private final int batchSize;

    public SecretReencryption(StoredSecrets secrets) {
        this(secrets, BATCH);
    }

    SecretReencryption(StoredSecrets secrets, int batchSize) {
        this.secrets = secrets;
        this.batchSize = batchSize;
    }

    public synchronized Result run() {
        int reencrypted = 0;
        int unreadable = 0;
        String afterPluginId = "";
        String afterName = "";
        List<StoredSecrets.Row> batch;
        do {
            batch = secrets.notUnderCurrentKey(afterPluginId, afterName, batchSize);
            for (StoredSecrets.Row row : batch) {
                try {
                    if (secrets.reencrypt(row)) {
                        reencrypted++;
                    }
                } catch (SecretDecryptionException e) {
                    unreadable++;
                    LOG.error("Left secret {}/{} as it is: {}", row.pluginId(), row.name(), e.getMessage());
                }
                afterPluginId = row.pluginId();
                afterName = row.name();
            }
        } while (batch.size() == batchSize);
        String current = secrets.keys().currentKeyId();
        LOG.info(
                "Re-encrypted {} secrets under the key {}{}",
                reencrypted,
                current,
                unreadable == 0 ? "" : "; " + unreadable + " could not be decrypted and were left as they are");
        return new Result(reencrypted, current, unreadable);
    }
}
