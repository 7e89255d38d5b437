package io.qrlogin.testing;

import java.util.List;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator reads when a service does not start: the failure analysis Spring Boot prints
 * ({@code Property: qrlogin.… Value: … Reason: …}), made by the same analyzers. For tests that a bad
 * setting stops the start-up with a message naming it, e.g. on an {@code ApplicationContextRunner}'s
 * {@code context.getStartupFailure()}.
 */
public final class StartupFailures {

    private StartupFailures() {
    }

    /** The description and action Spring Boot prints for {@code failure}; its messages when no analyzer knows it. */
    public static String describe(Throwable failure) {
        // Analyzers that need the failed context's bean factory or environment are left out: none of
        // them explains a configuration property.
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader
            .forDefaultResourceLocation(StartupFailures.class.getClassLoader())
            .load(FailureAnalyzer.class, ArgumentResolver.none(), FailureHandler.handleMessage((message, ex) -> {
            }));
        for (FailureAnalyzer analyzer : analyzers) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis.getDescription() + System.lineSeparator() + analysis.getAction();
            }
        }
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause).append(System.lineSeparator());
        }
        return messages.toString();
    }

    /**
     * Asserts that {@code runner}, with the settings under test already applied, does not start and that
     * what Spring Boot prints for the failure contains every one of {@code described}.
     */
    public static void assertStartFails(ApplicationContextRunner runner, String... described) {
        runner.run((context) -> {
            assertThat(context).hasFailed();
            assertThat(describe(context.getStartupFailure())).contains(described);
        });
    }
}
