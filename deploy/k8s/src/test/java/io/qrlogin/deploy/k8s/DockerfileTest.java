package io.qrlogin.deploy.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images are built on base images pinned by digest, and run on a JRE: the real Dockerfile holds,
 * and each way of breaking it is refused.
 */
class DockerfileTest {

    private static String dockerfile;

    @BeforeAll
    static void read() throws IOException {
        dockerfile = Files.readString(Project.DOCKERFILE);
    }

    @Test
    void theBaseImagesArePinnedByDigestAndTheServicesRunOnAJre() {
        assertThat(Dockerfile.baseImages(dockerfile)).hasSize(2)
            .allSatisfy((image) -> assertThat(image).matches(".+:[^@/]+@sha256:[0-9a-f]{64}"))
            .last().asString().startsWith("gcr.io/distroless/java25-debian13:nonroot@sha256:");
        assertThat(Dockerfile.problems(dockerfile)).isEmpty();
    }

    /** Each row breaks the real Dockerfile in one way; the row fails if its change does not apply. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void eachBreakageOfTheDockerfileIsRefused(String breakage, UnaryOperator<String> change, String expected) {
        String broken = change.apply(dockerfile);
        assertThat(broken).isNotEqualTo(dockerfile);
        assertThat(Dockerfile.problems(broken)).anySatisfy((problem) -> assertThat(problem).contains(expected));
    }

    static Stream<Arguments> breakages() {
        return Stream.of(
                Arguments.of("a base image with a tag but no digest is refused",
                        (UnaryOperator<String>) (text) -> text.replaceFirst("(ARG RUNTIME_IMAGE=[^@\\n]+)@sha256:[0-9a-f]{64}", "$1"),
                        "FROM gcr.io/distroless/java25-debian13:nonroot is not pinned by digest"),
                Arguments.of("a FROM written out without a digest is refused",
                        (UnaryOperator<String>) (text) -> text.replace("FROM ${BUILD_IMAGE} AS build", "FROM eclipse-temurin:17-jdk AS build"),
                        "FROM eclipse-temurin:17-jdk is not pinned by digest"),
                Arguments.of("a short or malformed digest is refused",
                        (UnaryOperator<String>) (text) -> text.replaceFirst("(ARG RUNTIME_IMAGE=[^@\\n]+@sha256:)[0-9a-f]{64}", "$1abc123"),
                        "is not pinned by digest"),
                Arguments.of("services running on a JDK are refused",
                        (UnaryOperator<String>) (text) -> text.replace("FROM ${RUNTIME_IMAGE}", "FROM ${BUILD_IMAGE}"),
                        "runs the services on a JDK"));
    }
}
