package io.qrlogin.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound for every test JVM that has this test-jar on its class path, so a blocking
 * call on a reactive thread fails the test that made it. {@code install} also loads the
 * integrations libraries ship (Reactor marks its non-blocking threads that way).
 */
public final class BlockHoundInstaller implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        BlockHound.install((builder) -> builder
            // /dev/urandom never blocks; the JDK reads it through a FileInputStream.
            .allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes")
            .allowBlockingCallsInside("java.util.UUID", "randomUUID")
            // Lettuce guards a command write with a lock held for a few instructions, contended only
            // while a connection reconnects; Netty's own writes from event loops look the same.
            .allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters")
            .allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "doExclusive")
            // Arming or cancelling a Reactor timer adds its task to (or removes it from) the JDK
            // scheduler's queue under that queue's lock, held for a few instructions by the scheduler
            // thread; on a loaded machine an event loop may wait a moment for it.
            .allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "offer")
            .allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "remove")
            // Spring Data Redis guards its shared connection (opened by a background thread, see
            // BackgroundConnectingRedisConnectionFactory) with locks; once open, they are held only to
            // read a field. Refusing the wait would throw inside the lock's acquire and can leave the
            // lock unusable: every later caller then hangs.
            .allowBlockingCallsInside(
                    "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory$SharedConnection",
                    "getConnection")
            .allowBlockingCallsInside("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
                    "doInLock")
            // Jackson builds the deserializer of a type once, under a lock; a second thread decoding the
            // same type for the first time at that moment waits for the build (CPU work, no I/O). Seen on
            // a loaded machine when two requests of a new type arrive together.
            .allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer"));
    }
}
