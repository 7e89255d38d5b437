package io.qrlogin.common.test;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound for every test JVM that has this test-jar on its class path, so a blocking
 * call on a reactive thread fails the test that made it.
 */
public final class BlockHoundInstaller implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        BlockHound.builder()
            // /dev/urandom never blocks; the JDK reads it through a FileInputStream.
            .allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes")
            .allowBlockingCallsInside("java.util.UUID", "randomUUID")
            .install();
    }
}
