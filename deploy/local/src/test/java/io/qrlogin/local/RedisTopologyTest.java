package io.qrlogin.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RedisTopologyTest {

    @Test
    void unsetOrBlankThenOneServer() {
        assertThat(RedisTopology.of(null)).isEqualTo(RedisTopology.STANDALONE);
        assertThat(RedisTopology.of(" ")).isEqualTo(RedisTopology.STANDALONE);
    }

    @Test
    void namedInAnyCaseThenThatTopology() {
        assertThat(RedisTopology.of("cluster")).isEqualTo(RedisTopology.CLUSTER);
        assertThat(RedisTopology.of(" Sentinel ")).isEqualTo(RedisTopology.SENTINEL);
    }

    @Test
    void unknownThenRefusedNamingTheVariableAndTheChoices() {
        assertThatIllegalArgumentException().isThrownBy(() -> RedisTopology.of("raft"))
            .withMessageContaining("QRLOGIN_LOCAL_REDIS")
            .withMessageContaining("standalone, sentinel or cluster");
    }
}
