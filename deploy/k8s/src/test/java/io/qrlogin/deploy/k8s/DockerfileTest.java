package io.qrlogin.deploy.k8s;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

    @Test
    void aBaseImageWithATagButNoDigestIsRefused() {
        String unpinned = dockerfile.replaceFirst("(ARG RUNTIME_IMAGE=[^@\\n]+)@sha256:[0-9a-f]{64}", "$1");
        assertThat(unpinned).isNotEqualTo(dockerfile);
        assertThat(Dockerfile.problems(unpinned))
            .anySatisfy((problem) -> assertThat(problem).contains("FROM gcr.io/distroless/java25-debian13:nonroot is not pinned by digest"));
    }

    @Test
    void aFromWrittenOutWithoutADigestIsRefused() {
        String unpinned = dockerfile.replace("FROM ${BUILD_IMAGE} AS build", "FROM eclipse-temurin:17-jdk AS build");
        assertThat(unpinned).isNotEqualTo(dockerfile);
        assertThat(Dockerfile.problems(unpinned))
            .anySatisfy((problem) -> assertThat(problem).contains("FROM eclipse-temurin:17-jdk is not pinned by digest"));
    }

    @Test
    void aShortOrMalformedDigestIsRefused() {
        String malformed = dockerfile.replaceFirst("(ARG RUNTIME_IMAGE=[^@\\n]+@sha256:)[0-9a-f]{64}", "$1abc123");
        assertThat(malformed).isNotEqualTo(dockerfile);
        assertThat(Dockerfile.problems(malformed)).anySatisfy((problem) -> assertThat(problem).contains("is not pinned by digest"));
    }

    @Test
    void servicesRunningOnAJdkAreRefused() {
        String jdk = dockerfile.replace("FROM ${RUNTIME_IMAGE}", "FROM ${BUILD_IMAGE}");
        assertThat(jdk).isNotEqualTo(dockerfile);
        assertThat(Dockerfile.problems(jdk)).anySatisfy((problem) -> assertThat(problem).contains("runs the services on a JDK"));
    }
}
