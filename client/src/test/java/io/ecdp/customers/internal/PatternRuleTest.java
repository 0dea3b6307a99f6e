package io.ecdp.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The spec's patterns read as ECMA 262 regexes, each thread reusing one matcher. */
class PatternRuleTest {

  private static final String NO_CONTROL = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";

  @Test
  void finalDollar_matchesOnlyAtTheVeryEnd_notBeforeAFinalLineBreak() {
    PatternRule rule = new PatternRule(NO_CONTROL);
    assertThat(rule.test("adam@poczta.pl")).isTrue();
    assertThat(rule.test("adam@poczta.pl\n")).isFalse();
    assertThat(rule.test("ad\u0085am")).isFalse();
  }

  @Test
  void whiteSpaceClass_isUnicodes_asInEcma262() {
    PatternRule rule = new PatternRule("^\\S*$");
    assertThat(rule.test("+48123456789")).isTrue();
    assertThat(rule.test("+48\u00A0123")).isFalse(); // a no-break space is \s in ECMA 262
  }

  @Test
  void oneRule_checksRightOnManyThreadsAtOnce() throws Exception {
    PatternRule rule = new PatternRule(NO_CONTROL);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> wrong = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        wrong.add(
            pool.submit(
                () -> {
                  int errors = 0;
                  for (int i = 0; i < 20_000; i++) {
                    boolean bad = (i + thread) % 3 == 0;
                    String value = "customer" + i + (bad ? "\u0007" : "") + "@example.com";
                    if (rule.test(value) == bad) {
                      errors++;
                    }
                  }
                  return errors;
                }));
      }
      for (Future<Integer> f : wrong) {
        assertThat(f.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
