package io.qrlogin.local;

import java.nio.file.Path;

/**
 * A launcher JVM for {@link StopWhileStartingIT}: starts a system on free ports (project root and log
 * directory from its arguments) and waits to be stopped, as {@code run.sh} does.
 */
final class StartingSystem {

    private StartingSystem() {
    }

    public static void main(String[] args) throws InterruptedException {
        TestSystems.start(LocalSettings.onFreePorts(Path.of(args[0]), Path.of(args[1])));
        Thread.currentThread().join();
    }
}
