#!/usr/bin/env python3
"""Where a JFR recording's CPU samples went, by component.

  bench/jfr-components.py recording.jfr [more.jfr …]

Reads jdk.ExecutionSample stacks (via the JDK's `jfr` tool) and charges each sample to the
first frame, from the leaf down, that belongs to a known library; plain JDK frames (collections,
strings, locks) are charged to whoever called them.
"""
import collections
import os
import re
import subprocess
import sys

COMPONENTS = [
    ("ES256 / JOSE (nimbus, JDK EC)", ("com.nimbusds.", "sun.security.ec.", "sun.security.util.", "sun.security.provider.",
                                       "java.security.", "javax.crypto.", "com.sun.crypto.")),
    ("QR encode (zxing)", ("com.google.zxing.",)),
    ("PNG (deflate, CRC)", ("java.util.zip.", "io.qrlogin.qr.image.")),
    ("JSON (Jackson)", ("tools.jackson.", "com.fasterxml.jackson.")),
    ("Kafka client", ("org.apache.kafka.",)),
    ("Kafka broker", ("kafka.", "org.apache.kafka.storage.", "org.apache.kafka.server.", "org.apache.kafka.raft.")),
    ("Redis client (Lettuce)", ("io.lettuce.",)),
    ("Spring Security", ("org.springframework.security.",)),
    ("Spring Cloud Gateway", ("org.springframework.cloud.gateway.",)),
    ("Micrometer, tracing", ("io.micrometer.", "io.opentelemetry.")),
    ("Logging", ("ch.qos.logback.", "org.slf4j.", "org.apache.logging.")),
    ("Spring WebFlux, web, core", ("org.springframework.",)),
    ("reactor-netty, Reactor", ("reactor.",)),
    ("Netty (I/O, HTTP codec)", ("io.netty.",)),
    ("QR Login code", ("io.qrlogin.",)),
    ("JDK network I/O", ("sun.nio.", "java.nio.channels.")),
]
GENERIC = ("java.", "jdk.", "sun.", "javax.", "com.sun.")


def component(frames):
    for frame in frames:
        for name, prefixes in COMPONENTS:
            if frame.startswith(prefixes):
                return name
    return "JDK, other" if frames else "(no stack)"


def samples(path):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", path],
                         check=True, capture_output=True, text=True).stdout
    for event in out.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w.$]+)\(", event, re.M)
        yield frames


def main(paths):
    for path in paths:
        counts = collections.Counter()
        total = 0
        for frames in samples(path):
            counts[component(frames)] += 1
            total += 1
        print(f"{os.path.basename(path)}: {total} CPU samples")
        for name, count in counts.most_common():
            print(f"  {100.0 * count / max(total, 1):5.1f} %  {name}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
