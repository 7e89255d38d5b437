package io.qrlogin.testing;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockHoundInstallerTest {

    @Test
    void blockingCallOnAReactiveThreadFailsInEveryTestJvm() {
        Mono<Integer> blocking = Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1;
        }).subscribeOn(Schedulers.parallel());
        assertThatThrownBy(() -> blocking.block(Duration.ofSeconds(5))).hasCauseInstanceOf(BlockingOperationError.class);
    }
}
