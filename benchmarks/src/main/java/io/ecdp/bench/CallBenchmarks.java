package io.ecdp.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Calls over loopback against {@link FixedResponseServer}, per contender. */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CallBenchmarks {

  @Param({
    "OURS",
    "OURS_OTEL",
    "OURS_MICROMETER",
    "BARE_JERSEY",
    "RAW_SOCKET",
    "FLOOR_URLCONNECTION",
    "FLOOR_HTTPCLIENT",
    "STOCK_JACKSON"
  })
  public String contender;

  @Param({"1"})
  public int batchSize;

  private FixedResponseServer server;
  private Contender client;

  @Setup(Level.Trial)
  public void start() throws Exception {
    server = new FixedResponseServer();
    client = Contender.Kind.valueOf(contender).create(server.uri());
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    client.close();
    server.close();
  }

  /** GET by e-mail, the body parsed. */
  @Benchmark
  public Object getByEmail() throws Exception {
    return client.getByEmail("adam@poczta.pl");
  }

  /** POST an AddOrUpdate batch of {@link #batchSize} customers. */
  @Benchmark
  public void upsertBatch() throws Exception {
    client.upsert(batchSize);
  }
}
