package io.qrlogin.testing.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The product's architecture rules, run by every module's build over what that module compiles
 * and what it depends on (the parent POM has Surefire scan this jar for tests), so a rule broken in
 * any module fails that module's build.
 */
@AnalyzeClasses(packages = ArchitectureRules.PRODUCT_ROOT,
        importOptions = { ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class })
public final class ArchitectureTest {

    private static final ArchitectureRules RULES = ArchitectureRules.product();

    @ArchTest
    static final ArchRule coreIsPlainJava = RULES.coreIsPlainJava();

    @ArchTest
    static final ArchRule noPackageCycles = RULES.noPackageCycles();

    @ArchTest
    static final ArchRule layersPointInwards = RULES.layersPointInwards();

    @ArchTest
    static final ArchRule adaptersArePackagePrivate = RULES.adaptersArePackagePrivate();

    @ArchTest
    static final ArchRule applicationsHoldMainOnly = RULES.applicationsHoldMainOnly();

    private ArchitectureTest() {
    }

    /**
     * Leaves out test-jars (a module's shared fixtures, such as the ticket engine's), which
     * {@link ImportOption.DoNotIncludeTests} recognises only as {@code target/test-classes} folders.
     */
    public static final class DoNotIncludeTestJars implements ImportOption {

        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }
}
