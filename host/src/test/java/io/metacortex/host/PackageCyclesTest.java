package io.metacortex.host;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The host's packages depend on each other in one direction only: a cycle would make two concerns one, neither
 * understandable nor changeable without the other. Read from the compiled classes, so every kind of reference
 * counts (fields, signatures, annotations, constants inlined aside).
 */
class PackageCyclesTest {

    @Test
    void theHostsPackagesHaveNoCycles() {
        JavaClasses host = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.metacortex.host");

        // One slice per package, io.metacortex.host itself included.
        slices().matching("io.metacortex.(**)").should().beFreeOfCycles().check(host);
    }
}
