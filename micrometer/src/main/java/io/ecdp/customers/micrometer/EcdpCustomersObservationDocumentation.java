package io.ecdp.customers.micrometer;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documents the observations of the Customers client: their names and keys, as the default
 * conventions make them.
 *
 * <p>The low-cardinality keys are bounded (they become meter tags): the method, the spec's path
 * template, the status, the outcome, the exception's simple class name and the server's host (one
 * per client). The high-cardinality keys (span tags only) are counts and the request id, which the
 * client masks of the API key and personal data before any listener sees it. No key holds a
 * customer value.
 */
public enum EcdpCustomersObservationDocumentation implements ObservationDocumentation {

  /** A call, from the call until its answer or failure, retries and waits included. */
  CALL {
    @Override
    public String getName() {
      return DefaultEcdpCustomersObservationConvention.NAME;
    }

    @Override
    public Class<? extends ObservationConvention<? extends Observation.Context>>
        getDefaultConvention() {
      return DefaultEcdpCustomersObservationConvention.class;
    }

    @Override
    public KeyName[] getLowCardinalityKeyNames() {
      return LowCardinalityKeyNames.values();
    }

    @Override
    public KeyName[] getHighCardinalityKeyNames() {
      return CallHighCardinalityKeyNames.values();
    }
  },

  /**
   * An attempt of a call: one request sent and its answer, a child of the call's observation. Its
   * context carries the attempt's headers, into which a tracing bridge injects its context.
   */
  ATTEMPT {
    @Override
    public String getName() {
      return DefaultEcdpCustomersAttemptObservationConvention.NAME;
    }

    @Override
    public Class<? extends ObservationConvention<? extends Observation.Context>>
        getDefaultConvention() {
      return DefaultEcdpCustomersAttemptObservationConvention.class;
    }

    @Override
    public KeyName[] getLowCardinalityKeyNames() {
      return KeyName.merge(LowCardinalityKeyNames.values(), AttemptLowCardinalityKeyNames.values());
    }

    @Override
    public KeyName[] getHighCardinalityKeyNames() {
      return AttemptHighCardinalityKeyNames.values();
    }
  };

  /** Names the low-cardinality keys of calls and attempts alike. */
  public enum LowCardinalityKeyNames implements KeyName {
    /** Names the HTTP method, such as {@code GET}. */
    METHOD {
      @Override
      public String asString() {
        return "method";
      }
    },
    /** Names the spec's path template, such as {@code /customers/email/{email}}: never a value. */
    URI {
      @Override
      public String asString() {
        return "uri";
      }
    },
    /**
     * Names the HTTP status of the (last) answer, such as {@code 200}; {@code CLIENT_ERROR} when no
     * answer came, as Spring's HTTP client observations say.
     */
    STATUS {
      @Override
      public String asString() {
        return "status";
      }
    },
    /**
     * Names the outcome: {@code SUCCESS} when the caller got an answer (a {@code 404} that means
     * "no such customer" included: its status stays {@code 404}), otherwise {@code CLIENT_ERROR}
     * for a {@code 4xx}, {@code SERVER_ERROR} for a {@code 5xx}, {@code UNKNOWN} without an answer
     * or with another status.
     */
    OUTCOME {
      @Override
      public String asString() {
        return "outcome";
      }
    },
    /** Names the simple class name of the exception, or {@code none}. */
    EXCEPTION {
      @Override
      public String asString() {
        return "exception";
      }
    },
    /** Names the host of the client's base URI, such as {@code api.ecdp.app}. */
    SERVER_ADDRESS {
      @Override
      public String asString() {
        return "server.address";
      }
    }
  }

  /** Names the low-cardinality keys only attempts have. */
  public enum AttemptLowCardinalityKeyNames implements KeyName {
    /**
     * Names why the attempt follows a failed one: {@code RATE_LIMITED}, {@code SERVER_ERROR},
     * {@code TRANSPORT}, or {@code none} for a call's first attempt.
     */
    RETRY_REASON {
      @Override
      public String asString() {
        return "retry.reason";
      }
    }
  }

  /** Names the high-cardinality keys of calls. */
  public enum CallHighCardinalityKeyNames implements KeyName {
    /** Names the number of attempts made. */
    ATTEMPTS {
      @Override
      public String asString() {
        return "ecdp.attempts";
      }
    },
    /** Names the records an upsert sent; only on {@code POST /customers}. */
    RECORDS {
      @Override
      public String asString() {
        return "ecdp.records";
      }

      @Override
      public boolean isRequired() {
        return false;
      }
    },
    /**
     * Names the {@code x-request-id} of the last answer, masked by the client; absent when none
     * came.
     */
    REQUEST_ID {
      @Override
      public String asString() {
        return "ecdp.request.id";
      }

      @Override
      public boolean isRequired() {
        return false;
      }
    }
  }

  /** Names the high-cardinality keys of attempts. */
  public enum AttemptHighCardinalityKeyNames implements KeyName {
    /** Names the attempt's number: 1 for the first, 2 for the first retry, and so on. */
    ATTEMPT {
      @Override
      public String asString() {
        return "ecdp.attempt";
      }
    },
    /**
     * Names the {@code x-request-id} of the answer, masked by the client; absent when none came.
     */
    REQUEST_ID {
      @Override
      public String asString() {
        return "ecdp.request.id";
      }

      @Override
      public boolean isRequired() {
        return false;
      }
    }
  }
}
