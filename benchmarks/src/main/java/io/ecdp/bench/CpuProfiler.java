package io.ecdp.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The CPU time the benchmark's JVM spends per operation ({@code cpu.per.op}, µs): every thread of
 * the process, the loopback server's included (the same server for every contender), divided by the
 * operations of the iteration. Unlike calls per second, it does not depend on how much of the
 * machine other processes take, so it compares contenders measured minutes apart.
 */
public final class CpuProfiler implements InternalProfiler {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private long startNanos;

  @Override
  public String getDescription() {
    return "process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    startNanos = OS.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = OS.getProcessCpuTime() - startNanos;
    long ops = result.getMetadata().getAllOps();
    return List.of(
        new ScalarResult(
            "cpu.per.op", ops == 0 ? Double.NaN : cpu / 1e3 / ops, "µs/op", AggregationPolicy.AVG));
  }
}
