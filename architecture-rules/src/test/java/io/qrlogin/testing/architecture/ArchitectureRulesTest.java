package io.qrlogin.testing.architecture;

import java.util.function.Function;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** A rule, the fixture that breaks it, and what its report names. */
    static Stream<Arguments> brokenRules() {
        return Stream.of(
                broken("coreIsPlainJava when a core class uses Spring", "springincore", ArchitectureRules::coreIsPlainJava,
                        "org.springframework.util.StringUtils"),
                broken("noPackageCycles when two packages use each other", "cycle", ArchitectureRules::noPackageCycles,
                        "Cycle detected"),
                broken("layersPointInwards when one service uses another", "servicecall",
                        ArchitectureRules::layersPointInwards, "UsesScan"),
                broken("layersPointInwards when the engine uses support", "inward", ArchitectureRules::layersPointInwards,
                        "UsesSupport"),
                broken("layersPointInwards when main code uses test infrastructure", "testinmain",
                        ArchitectureRules::layersPointInwards, "UsesTestCode"),
                broken("adaptersArePackagePrivate when a controller is public", "publiccontroller",
                        ArchitectureRules::adaptersArePackagePrivate, "PublicController"),
                broken("applicationsHoldMainOnly when an application declares more", "fatapp",
                        ArchitectureRules::applicationsHoldMainOnly, "FatApplication declares bean()"));
    }

    @ParameterizedTest(name = "{0} then fails")
    @MethodSource("brokenRules")
    void ruleWhenAClassBreaksItThenFails(String description, String fixture, Function<ArchitectureRules, ArchRule> rule,
            String named) {
        JavaClasses classes = classesBelow(fixture);
        assertThat(classes).isNotEmpty();

        assertThatThrownBy(() -> rule.apply(ArchitectureRules.below(FIXTURES + fixture)).check(classes))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining(named);
    }

    private static Arguments broken(String description, String fixture, Function<ArchitectureRules, ArchRule> rule,
            String named) {
        return Arguments.of(description, fixture, rule, named);
    }

    private static JavaClasses classesBelow(String fixture) {
        return new ClassFileImporter().importPackages(FIXTURES + fixture);
    }
}
