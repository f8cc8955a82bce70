/**
 * The service API of the tasks plugin, for other plugins: look up a user's tasks ({@link
 * io.metacortex.tasks.api.TaskDirectory}) and hear about completed ones ({@link
 * io.metacortex.tasks.api.TaskCompletionListener}).
 *
 * <p>A plugin imports this package (bnd does so from its code, with the range {@code [1.0,2)}) and finds the
 * directory with {@code context.services(TaskDirectory.class)} at each use. When the tasks plugin is optional to it,
 * it imports the package with {@code resolution:=optional} and checks that the package is wired before it refers
 * to these types; the host re-wires the plugin when tasks is installed, upgraded, disabled or removed.
 *
 * <p>Versioned by OSGi semantic versioning, like the plugin API: 1.x only grows. The tasks bundle exports the
 * package without importing it, so that two versions of tasks side by side during an upgrade never share it.
 */
@Version("1.0.0")
@Export(substitution = Export.Substitution.NOIMPORT)
package io.metacortex.tasks.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
