package io.metacortex.calendar.internal.remote;

import java.util.List;

/**
 * What one sync of an account did, over all its links.
 *
 * @param pulled remote objects created or changed locally
 * @param removedLocally local events deleted because they were deleted on the remote
 * @param pushed local events created or changed on the remote
 * @param removedRemotely remote objects deleted because they were deleted locally
 * @param conflicts conflicts recorded (see {@code GET .../conflicts})
 * @param skipped remote objects that could not be stored, each with why (their href and the reason)
 */
public record SyncResult(
        int pulled, int removedLocally, int pushed, int removedRemotely, int conflicts, List<String> skipped) {}
