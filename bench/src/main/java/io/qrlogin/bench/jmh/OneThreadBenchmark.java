package io.qrlogin.bench.jmh;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How every micro-benchmark here runs, so their numbers compare: one thread with its own state, one
 * fork, 5 × 2 s measured after 3 × 2 s of warm-up. JMH's annotations are inherited; a benchmark adds
 * only its mode and unit.
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public abstract class OneThreadBenchmark {
}
