package io.ecdp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ecdp.customers.internal.model.UpsertCustomersRequest;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** A 1,000-customer batch, written and read: our JSON-B models vs Jackson on the stock models. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerializationBenchmarks {

  private Jsonb jsonb;
  private ObjectMapper jackson;
  private UpsertCustomersRequest ours;
  private io.ecdp.bench.stock.model.UpsertCustomersRequest stock;
  private byte[] json;

  @Setup
  public void setUp() throws Exception {
    jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(false));
    jackson =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    ours =
        UpsertCustomersRequest.builder()
            .mode(UpsertMode.ADD_OR_UPDATE)
            .matchBy(MatchBy.EMAIL)
            .data(OursContender.batch(1000))
            .build();
    stock = StockContender.batch(1000);
    json = jsonb.toJson(ours).getBytes(StandardCharsets.UTF_8);
  }

  /** Writes to a stream, as the client's JSON-B body writer does, and returns the bytes. */
  @Benchmark
  public byte[] writeJsonbOurs() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    jsonb.toJson(ours, out);
    return out.toByteArray();
  }

  @Benchmark
  public byte[] writeJacksonStock() throws Exception {
    return jackson.writeValueAsBytes(stock);
  }

  @Benchmark
  public Object readJsonbOurs() {
    return jsonb.fromJson(new java.io.ByteArrayInputStream(json), UpsertCustomersRequest.class);
  }

  @Benchmark
  public Object readJacksonStock() throws Exception {
    return jackson.readValue(json, io.ecdp.bench.stock.model.UpsertCustomersRequest.class);
  }
}
