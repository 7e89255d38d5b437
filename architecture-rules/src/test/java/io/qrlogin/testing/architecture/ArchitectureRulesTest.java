package io.qrlogin.testing.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each architecture rule passes on code that keeps it and fails on a class that breaks it. */
class ArchitectureRulesTest {

    private static final String FIXTURES = "io.qrlogin.testing.architecture.fixtures.";

    @Test
    void everyRuleWhenCodeKeepsTheArchitectureThenPasses() {
        ArchitectureRules rules = ArchitectureRules.below(FIXTURES + "plain");
        JavaClasses classes = classesBelow("plain");

        assertThat(classes).hasSizeGreaterThanOrEqualTo(5);
        for (ArchRule rule : rules.all()) {
            assertThatCode(() -> rule.check(classes)).as(rule.getDescription()).doesNotThrowAnyException();
        }
    }

    @Test
    void coreIsPlainJavaWhenACoreClassUsesSpringThenFails() {
        assertBroken(ArchitectureRules.below(FIXTURES + "springincore").coreIsPlainJava(), "springincore",
                "org.springframework.util.StringUtils");
    }

    @Test
    void noPackageCyclesWhenTwoPackagesUseEachOtherThenFails() {
        assertBroken(ArchitectureRules.below(FIXTURES + "cycle").noPackageCycles(), "cycle", "Cycle detected");
    }

    @Test
    void layersPointInwardsWhenOneServiceUsesAnotherThenFails() {
        assertBroken(ArchitectureRules.below(FIXTURES + "servicecall").layersPointInwards(), "servicecall",
                "UsesScan");
    }

    @Test
    void layersPointInwardsWhenTheEngineUsesSupportThenFails() {
        assertBroken(ArchitectureRules.below(FIXTURES + "inward").layersPointInwards(), "inward", "UsesSupport");
    }

    @Test
    void layersPointInwardsWhenMainCodeUsesTestInfrastructureThenFails() {
        assertBroken(ArchitectureRules.below(FIXTURES + "testinmain").layersPointInwards(), "testinmain",
                "UsesTestCode");
    }

    @Test
    void adaptersArePackagePrivateWhenAControllerIsPublicThenFails() {
        assertBroken(ArchitectureRules.below(FIXTURES + "publiccontroller").adaptersArePackagePrivate(),
                "publiccontroller", "PublicController");
    }

    @Test
    void applicationsHoldMainOnlyWhenAnApplicationDeclaresMoreThenFails() {
        assertBroken(ArchitectureRules.below(FIXTURES + "fatapp").applicationsHoldMainOnly(), "fatapp",
                "FatApplication declares bean()");
    }

    private static void assertBroken(ArchRule rule, String fixture, String named) {
        JavaClasses classes = classesBelow(fixture);
        assertThat(classes).isNotEmpty();
        assertThatThrownBy(() -> rule.check(classes)).isInstanceOf(AssertionError.class).hasMessageContaining(named);
    }

    private static JavaClasses classesBelow(String fixture) {
        return new ClassFileImporter().importPackages(FIXTURES + fixture);
    }
}
