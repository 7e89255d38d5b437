package io.qrlogin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ahead-of-time cache of JDK 25 and later (JEP 483, 514, 515) for one service: the classes loaded and
 * linked, and the methods' execution profiles, of a training run under load. A service started with it loads
 * no class from its jars and compiles its hot methods with the trained profiles from its first request on,
 * instead of interpreting and profiling them first.
 * <p>
 * The cache holds classes from plain jars on the class path only, so the service runs from its jar extracted by
 * Spring Boot's tools ({@code -Djarmode=tools extract}: the application jar plus {@code lib/}). The cache names the
 * jars it was trained on; it is used only while the service's built jar is the one it was extracted from.
 * <p>
 * {@code QRLOGIN_LOCAL_AOT=train} extracts each service afresh and trains: the caches are written when the
 * services stop. Otherwise (the default, {@code auto}) a service uses its cache when there is one for its current
 * jar and the runtime is JDK 25 or later, else it runs from its jar as built; {@code off} never uses one.
 */
record AotCache(AotCache.Mode mode, Path directory, Path builtJar) {

    static final String VARIABLE = "QRLOGIN_LOCAL_AOT";

    private static final Logger logger = LoggerFactory.getLogger(AotCache.class);

    /** Writing a cache at exit runs a second JVM that assembles it: far longer than a normal stop. */
    private static final long TRAINED_STOP_SECONDS = 180;

    enum Mode {
        AUTO, TRAIN, OFF
    }

    /** The cache of the service {@code name} built as {@code builtJar}, in the mode the environment names. */
    static AotCache of(Path projectRoot, String name, Path builtJar) {
        return of(mode(System.getenv().getOrDefault(VARIABLE, "auto")), Runtime.version().feature(),
                projectRoot.resolve("deploy/local/target/aot").resolve(name), builtJar);
    }

    /**
     * The cache in {@code directory} for {@code builtJar}, on a runtime of the given feature release: before 25
     * there is no AOT cache to use, and training is refused rather than silently skipped.
     */
    static AotCache of(Mode mode, int runtimeFeature, Path directory, Path builtJar) {
        if (mode == Mode.TRAIN && runtimeFeature < 25) {
            throw new IllegalStateException(VARIABLE + "=train needs JDK 25 or later; this is JDK " + runtimeFeature
                    + " (set JAVA_HOME)");
        }
        return new AotCache((runtimeFeature < 25) ? Mode.OFF : mode, directory, builtJar);
    }

    static Mode mode(String value) {
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(VARIABLE + " must be auto, train or off, not " + value, ex);
        }
    }

    /**
     * What follows the JVM options on the service's command line: {@code -jar} and the jar to run, with the
     * cache's option before them when it is used or trained.
     */
    List<String> launchArguments() {
        Path cache = this.directory.resolve("service.aot");
        if (this.mode == Mode.TRAIN) {
            extract();
            return List.of("-XX:AOTCacheOutput=" + cache, "-jar", extractedJar().toString());
        }
        if (this.mode == Mode.AUTO && Files.isRegularFile(cache) && extractedFrom().equals(stampOf(this.builtJar))) {
            return List.of("-XX:AOTCache=" + cache, "-jar", extractedJar().toString());
        }
        return List.of("-jar", this.builtJar.toString());
    }

    /** How long a stop may take before the process is killed (and its cache lost, while training). */
    long stopSeconds() {
        return (this.mode == Mode.TRAIN) ? TRAINED_STOP_SECONDS : Processes.STOP_SECONDS;
    }

    private void extract() {
        Processes.deleteRecursively(this.directory);
        Path extracted = this.directory.resolve("app");
        ProcessBuilder builder = new ProcessBuilder(Processes.java(), "-Djarmode=tools", "-jar", this.builtJar.toString(),
                "extract", "--destination", extracted.toString()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            Process process = Processes.start(builder);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("Could not extract " + this.builtJar + " into " + extracted);
            }
            Files.writeString(this.directory.resolve("extracted-from"), stampOf(this.builtJar));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        logger.info("Training an AOT cache for {}: it is written when the service stops", this.builtJar.getFileName());
    }

    private Path extractedJar() {
        return this.directory.resolve("app").resolve(this.builtJar.getFileName());
    }

    private String extractedFrom() {
        try {
            Path stamp = this.directory.resolve("extracted-from");
            return Files.isRegularFile(stamp) ? Files.readString(stamp) : "";
        }
        catch (IOException ex) {
            return "";
        }
    }

    /** The built jar as the cache knows it: a rebuild changes its time, its size or both. */
    static String stampOf(Path jar) {
        try {
            return jar.getFileName() + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
