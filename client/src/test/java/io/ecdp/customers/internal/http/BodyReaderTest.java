package io.ecdp.customers.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BodyReaderTest {

  private static final long NO_DEADLINE = Long.MAX_VALUE;

  /** A stream that hands out at most 7 bytes a read, as a socket may. */
  private static InputStream trickle(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 7));
      }
    };
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  @ParameterizedTest(name = "{0} bytes, announced {1}")
  @CsvSource({
    "0, 0",
    "0, -1",
    "1, 1",
    "1, -1",
    "900, 900",
    "900, -1",
    "5000, -1",
    "5000, 5000",
    // a Content-Length that does not match what arrives: the bytes that arrived count
    "900, 100",
    "100, 900",
    "5000, 2"
  })
  void read_returnsExactlyTheBytesThatArrived(int size, long announced) throws IOException {
    byte[] body = bytes(size);
    assertThat(BodyReader.read(trickle(body), NO_DEADLINE, 10_000, announced)).isEqualTo(body);
  }

  @ParameterizedTest(name = "{0} bytes, announced {1}")
  @CsvSource({"10001, -1", "10001, 10001", "10001, 50", "20000, 20000"})
  void read_refusesABodyOverTheLimit(int size, long announced) {
    assertThatThrownBy(() -> BodyReader.read(trickle(bytes(size)), NO_DEADLINE, 10_000, announced))
        .isInstanceOf(BodyReader.TooLarge.class);
  }

  @ParameterizedTest(name = "announced {0}")
  @CsvSource({"-1", "10000"})
  void read_takesABodyOfExactlyTheLimit(long announced) throws IOException {
    byte[] body = bytes(10_000);
    assertThat(BodyReader.read(trickle(body), NO_DEADLINE, 10_000, announced))
        .isEqualTo(Arrays.copyOf(body, 10_000));
  }

  @ParameterizedTest(name = "announced {0}")
  @CsvSource({"-1", "100"})
  void read_stopsWhenTheDeadlinePassesWhileTheBodyArrives(long announced) {
    assertThatThrownBy(
            () -> BodyReader.read(trickle(bytes(100)), System.nanoTime(), 10_000, announced))
        .isInstanceOf(BodyReader.DeadlinePassed.class);
  }
}
