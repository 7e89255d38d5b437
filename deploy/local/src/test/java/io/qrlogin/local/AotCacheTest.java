package io.qrlogin.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** When a service runs with its AOT cache, and when from its jar as built: without starting anything. */
class AotCacheTest {

    @TempDir
    Path root;

    private Path jar;

    private Path directory;

    @BeforeEach
    void builtJar() throws IOException {
        this.jar = Files.write(this.root.resolve("scan-service-1.0.jar"), new byte[] { 1, 2, 3 });
        this.directory = this.root.resolve("aot/scan-service");
    }

    @Test
    void withoutATrainedCacheTheServiceRunsFromItsJarAsBuilt() {
        assertThat(AotCache.of(AotCache.Mode.AUTO, 25, this.directory, this.jar).launchArguments())
            .containsExactly("-jar", this.jar.toString());
    }

    @Test
    void aCacheTrainedOnTheCurrentJarIsUsedWithTheExtractedJar() throws IOException {
        trainedOn(this.jar);
        assertThat(AotCache.of(AotCache.Mode.AUTO, 25, this.directory, this.jar).launchArguments()).containsExactly(
                "-XX:AOTCache=" + this.directory.resolve("service.aot"), "-jar",
                this.directory.resolve("app/scan-service-1.0.jar").toString());
    }

    @Test
    void aCacheOfAnEarlierBuildIsNotUsed() throws IOException {
        trainedOn(this.jar);
        Files.write(this.jar, new byte[] { 1, 2, 3, 4 });
        Files.setLastModifiedTime(this.jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(AotCache.of(AotCache.Mode.AUTO, 25, this.directory, this.jar).launchArguments())
            .containsExactly("-jar", this.jar.toString());
    }

    @Test
    void beforeJdk25AndWhenTurnedOffNoCacheIsUsed() throws IOException {
        trainedOn(this.jar);
        assertThat(AotCache.of(AotCache.Mode.AUTO, 17, this.directory, this.jar).launchArguments())
            .containsExactly("-jar", this.jar.toString());
        assertThat(AotCache.of(AotCache.Mode.OFF, 25, this.directory, this.jar).launchArguments())
            .containsExactly("-jar", this.jar.toString());
    }

    @Test
    void trainingBeforeJdk25IsRefusedRatherThanSkipped() {
        assertThatIllegalStateException().isThrownBy(() -> AotCache.of(AotCache.Mode.TRAIN, 17, this.directory, this.jar))
            .withMessageContaining("QRLOGIN_LOCAL_AOT=train needs JDK 25");
    }

    @Test
    void aTrainingServiceMayTakeLongerToStopBecauseItWritesItsCacheThen() {
        assertThat(AotCache.of(AotCache.Mode.TRAIN, 25, this.directory, this.jar).stopSeconds())
            .isGreaterThan(Processes.STOP_SECONDS);
        assertThat(AotCache.of(AotCache.Mode.AUTO, 25, this.directory, this.jar).stopSeconds())
            .isEqualTo(Processes.STOP_SECONDS);
    }

    @Test
    void theModeIsReadLeniently() {
        assertThat(AotCache.mode(" Train ")).isEqualTo(AotCache.Mode.TRAIN);
        assertThatIllegalArgumentException().isThrownBy(() -> AotCache.mode("yes"))
            .withMessage("QRLOGIN_LOCAL_AOT must be auto, train or off, not yes");
    }

    private void trainedOn(Path builtJar) throws IOException {
        Files.createDirectories(this.directory.resolve("app"));
        Files.write(this.directory.resolve("service.aot"), new byte[] { 0 });
        Files.writeString(this.directory.resolve("extracted-from"), AotCache.stampOf(builtJar));
    }
}
