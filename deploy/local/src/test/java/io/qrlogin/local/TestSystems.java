package io.qrlogin.local;

import java.util.List;

/**
 * How the test systems ({@link SharedSystem}, {@link FaultSystem}, the Redis topology tests) run their
 * services: in small JVMs, since every service of a system (three gateways in the fault system) shares a
 * machine of a few cores with the build, Redis, Kafka and the browser.
 */
final class TestSystems {

    /** Quick to start and small: the C1 compiler only, the serial collector, a 256 MB heap, small stacks. */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Xss512k");

    private TestSystems() {
    }

    /**
     * Starts a system with these JVM options. Not closed by a test class when it is shared by the test classes
     * of this JVM: the system stops itself when the JVM exits.
     */
    static LocalSystem start(LocalSettings settings) {
        return LocalSystem.start(settings.withJvmOptions(JVM_OPTIONS));
    }
}
