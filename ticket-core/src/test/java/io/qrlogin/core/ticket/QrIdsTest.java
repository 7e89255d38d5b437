package io.qrlogin.core.ticket;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QrIdsTest {

    private final QrIds ids = new QrIds(new SecureRandom());

    @Test
    void idsAreWellFormedAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = this.ids.next();
            assertThat(QrIds.isWellFormed(id)).isTrue();
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void hashIs128BitsBase64UrlAndNamesNoPartOfTheId() {
        // SHA-256("3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn"), first 16 bytes, base64url.
        String id = "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn";
        String hash = QrIds.hash(id);
        assertThat(hash).isEqualTo("1ZkWgeo-fQl1Bwc5wVBCow");
        assertThat(QrIds.isWellFormedHash(hash)).isTrue();
        assertThat(QrIds.isWellFormed(hash)).isFalse();
        assertThat(hash).doesNotContain(id.substring(0, 6)).isNotEqualTo(QrIds.hash(this.ids.next()));
    }

    @Test
    void fingerprintIsTheStartOfTheHash() {
        String id = this.ids.next();
        assertThat(QrIds.fingerprint(id)).hasSize(8).isEqualTo(QrIds.hash(id).substring(0, 8))
            .isEqualTo(QrIds.fingerprintOfHash(QrIds.hash(id)));
    }

    @Test
    void malformedHashesAreRefused() {
        assertThat(QrIds.isWellFormedHash(null)).isFalse();
        assertThat(QrIds.isWellFormedHash("short")).isFalse();
        assertThat(QrIds.isWellFormedHash("AAAAAAAAAAAAAAAAAAAAA=")).isFalse();
        assertThat(QrIds.isWellFormedHash("AAAAAAAAAAAAAAAAAAAAAA")).isTrue();
    }
}
