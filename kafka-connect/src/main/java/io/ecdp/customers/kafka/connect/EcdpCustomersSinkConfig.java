package io.ecdp.customers.kafka.connect;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.kafka.connect.internal.FieldMapping;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.jspecify.annotations.Nullable;

/**
 * Holds and checks the sink connector's settings: the {@link ConfigDef} of every {@code ecdp.*}
 * setting, and typed accessors of one connector's values.
 *
 * <p>The API key is a {@link ConfigDef.Type#PASSWORD}: Connect shows it as {@code [hidden]} in its
 * REST API and logs, and this class never prints it ({@link #toString()} names the settings, not
 * the key). It may come from a worker's config provider, such as {@code
 * ${file:/etc/ecdp/secrets:api-key}} with {@code config.providers=file}; Connect resolves it before
 * the task starts.
 */
public final class EcdpCustomersSinkConfig extends AbstractConfig {

  /** The account's API key (a password: hidden wherever Connect shows settings). */
  public static final String API_KEY = "ecdp.api.key";

  /** The base URI of the Customers API. */
  public static final String BASE_URI = "ecdp.base.uri";

  /** What a write does: {@code Add}, {@code Update} or {@code AddOrUpdate}. */
  public static final String MODE = "ecdp.mode";

  /** The field that identifies a customer. */
  public static final String MATCH_BY = "ecdp.match.by";

  /** The most records in one request. */
  public static final String BATCH_SIZE = "ecdp.batch.size";

  /** How long a partial batch may wait for more records, in milliseconds. */
  public static final String FLUSH_INTERVAL_MS = "ecdp.flush.interval.ms";

  /** The most batches one task has in flight at once. */
  public static final String MAX_IN_FLIGHT = "ecdp.max.in.flight";

  /** How many {@code 429} answers one part of a batch may get before the task backs off. */
  public static final String RATE_LIMITED_RETRIES = "ecdp.rate.limited.retries";

  /** The TCP connect timeout, in milliseconds. */
  public static final String CONNECT_TIMEOUT_MS = "ecdp.connect.timeout.ms";

  /** The timeout of reading an answer, in milliseconds. */
  public static final String READ_TIMEOUT_MS = "ecdp.read.timeout.ms";

  /** The deadline of one call, retries included, in milliseconds. */
  public static final String CALL_TIMEOUT_MS = "ecdp.call.timeout.ms";

  /** Where each customer field is read from: a list of {@code customerField=recordField}. */
  public static final String FIELD_MAPPING = "ecdp.field.mapping";

  /** What a tombstone (a record with a null value) does: {@code skip} or {@code delete}. */
  public static final String TOMBSTONE_BEHAVIOR = "ecdp.tombstone.behavior";

  /** Whether a delete also anonymizes the customer. */
  public static final String DELETE_ANONYMIZE = "ecdp.delete.anonymize";

  /** {@value}: a tombstone is skipped, and its offset committed. */
  public static final String TOMBSTONE_SKIP = "skip";

  /** {@value}: a tombstone deletes the customer its key names. */
  public static final String TOMBSTONE_DELETE = "delete";

  /** The largest {@value #BATCH_SIZE} this connector takes. */
  public static final int MAX_BATCH_SIZE = 1000;

  private static final String GROUP_CONNECTION = "Connection";
  private static final String GROUP_WRITING = "Writing";
  private static final String GROUP_BATCHING = "Batching";
  private static final String GROUP_TOMBSTONES = "Tombstones";

  private static final ConfigDef CONFIG_DEF = define();

  private final FieldMapping fieldMapping;

  /**
   * Parses and checks {@code props} against {@link #configDef()}.
   *
   * @param props the connector's or task's settings
   * @throws ConfigException when a setting is missing or invalid (the message names the setting and
   *     the rule, never the API key)
   */
  public EcdpCustomersSinkConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    this.fieldMapping = FieldMapping.parse(getList(FIELD_MAPPING));
  }

  /**
   * Returns the definition of every setting, with its documentation, validator and default.
   *
   * @return the definition, shared (do not change it)
   */
  public static ConfigDef configDef() {
    return CONFIG_DEF;
  }

  /**
   * Checks the rules that span several settings, adding an error message to the setting at fault.
   *
   * @param values the values as {@link ConfigDef#validateAll(Map)} returned them, by name
   */
  public static void validateAcross(Map<String, ConfigValue> values) {
    ConfigValue tombstones = values.get(TOMBSTONE_BEHAVIOR);
    ConfigValue matchBy = values.get(MATCH_BY);
    if (tombstones != null
        && matchBy != null
        && TOMBSTONE_DELETE.equals(tombstones.value())
        && matchBy.value() instanceof String m
        && !deletable(m)) {
      tombstones.addErrorMessage(
          TOMBSTONE_BEHAVIOR
              + "=delete needs a match key that a delete can address (Email, PhoneNumber or"
              + " CrmId); "
              + MATCH_BY
              + " is "
              + m);
    }
    ConfigValue read = values.get(READ_TIMEOUT_MS);
    ConfigValue call = values.get(CALL_TIMEOUT_MS);
    if (read != null
        && call != null
        && read.value() instanceof Integer r
        && call.value() instanceof Integer c
        && c < r) {
      call.addErrorMessage(
          CALL_TIMEOUT_MS + " must be at least " + READ_TIMEOUT_MS + " (" + r + " ms)");
    }
  }

  /**
   * Returns whether a tombstone can delete a customer when matching by {@code matchBy}: only the
   * keys a delete takes (an e-mail address, a phone number, a CRM ID).
   *
   * @param matchBy the value of {@value #MATCH_BY}
   * @return true for {@code Email}, {@code PhoneNumber} and {@code CrmId}
   */
  static boolean deletable(String matchBy) {
    return matchBy.equals("Email") || matchBy.equals("PhoneNumber") || matchBy.equals("CrmId");
  }

  /**
   * Returns the API key, for the client only: never log it or put it in a message.
   *
   * @return the key
   */
  public String apiKey() {
    return getPassword(API_KEY).value();
  }

  /**
   * Returns the base URI of the API.
   *
   * @return the URI
   */
  public URI baseUri() {
    return URI.create(getString(BASE_URI));
  }

  /**
   * Returns what a write does.
   *
   * @return the mode
   */
  public UpsertMode mode() {
    return UpsertMode.of(getString(MODE));
  }

  /**
   * Returns the field that identifies a customer.
   *
   * @return the match key
   */
  public MatchBy matchBy() {
    return MatchBy.of(getString(MATCH_BY));
  }

  /**
   * Returns the most records in one request.
   *
   * @return the batch size
   */
  public int batchSize() {
    return getInt(BATCH_SIZE);
  }

  /**
   * Returns how long a partial batch waits for more records.
   *
   * @return the flush interval
   */
  public Duration flushInterval() {
    return Duration.ofMillis(getLong(FLUSH_INTERVAL_MS));
  }

  /**
   * Returns the most batches in flight at once per task.
   *
   * @return the limit
   */
  public int maxInFlight() {
    return getInt(MAX_IN_FLIGHT);
  }

  /**
   * Returns how many {@code 429} answers one part of a batch may get before the task backs off.
   *
   * @return the budget
   */
  public int rateLimitedRetries() {
    return getInt(RATE_LIMITED_RETRIES);
  }

  /**
   * Returns the TCP connect timeout.
   *
   * @return the timeout
   */
  public Duration connectTimeout() {
    return Duration.ofMillis(getInt(CONNECT_TIMEOUT_MS));
  }

  /**
   * Returns the timeout of reading an answer.
   *
   * @return the timeout
   */
  public Duration readTimeout() {
    return Duration.ofMillis(getInt(READ_TIMEOUT_MS));
  }

  /**
   * Returns the deadline of one call, retries included.
   *
   * @return the timeout
   */
  public Duration callTimeout() {
    return Duration.ofMillis(getInt(CALL_TIMEOUT_MS));
  }

  /**
   * Returns where each customer field is read from.
   *
   * @return the mapping (empty: every field by its own name)
   */
  public FieldMapping fieldMapping() {
    return fieldMapping;
  }

  /**
   * Returns whether tombstones delete customers (rather than being skipped).
   *
   * @return true for {@code delete}
   */
  public boolean deleteOnTombstone() {
    return TOMBSTONE_DELETE.equals(getString(TOMBSTONE_BEHAVIOR));
  }

  /**
   * Returns whether a delete also anonymizes the customer.
   *
   * @return true to anonymize
   */
  public boolean deleteAnonymize() {
    return getBoolean(DELETE_ANONYMIZE);
  }

  /** Returns the settings' names and non-secret values; the API key is never shown. */
  @Override
  public String toString() {
    return "EcdpCustomersSinkConfig{"
        + BASE_URI
        + "="
        + getString(BASE_URI)
        + ", "
        + MODE
        + "="
        + getString(MODE)
        + ", "
        + MATCH_BY
        + "="
        + getString(MATCH_BY)
        + ", "
        + BATCH_SIZE
        + "="
        + batchSize()
        + ", "
        + MAX_IN_FLIGHT
        + "="
        + maxInFlight()
        + ", "
        + TOMBSTONE_BEHAVIOR
        + "="
        + getString(TOMBSTONE_BEHAVIOR)
        + ", "
        + API_KEY
        + "=[hidden]}";
  }

  private static ConfigDef define() {
    ConfigDef def = new ConfigDef();
    int order = 0;
    def.define(
        API_KEY,
        ConfigDef.Type.PASSWORD,
        ConfigDef.NO_DEFAULT_VALUE,
        new NonBlankPassword(),
        ConfigDef.Importance.HIGH,
        "The account's API key (ExpertSender CDP: Settings > API), sent in the x-api-key header."
            + " Required. Connect hides it in its REST API and logs; keep it out of the connector's"
            + " JSON with a worker config provider, e.g. config.providers=file on the worker and"
            + " ${file:/etc/ecdp/secrets.properties:api-key} here.",
        GROUP_CONNECTION,
        ++order,
        ConfigDef.Width.LONG,
        "API key");
    def.define(
        BASE_URI,
        ConfigDef.Type.STRING,
        CustomersClient.DEFAULT_BASE_URI.toString(),
        new BaseUriValidator(),
        ConfigDef.Importance.MEDIUM,
        "The base URI of the Customers API. https, or plain http to a loopback address only (a"
            + " local sandbox).",
        GROUP_CONNECTION,
        ++order,
        ConfigDef.Width.LONG,
        "Base URI");
    def.define(
        CONNECT_TIMEOUT_MS,
        ConfigDef.Type.INT,
        10_000,
        ConfigDef.Range.between(1, 600_000),
        ConfigDef.Importance.LOW,
        "The TCP connect timeout of one attempt, in milliseconds.",
        GROUP_CONNECTION,
        ++order,
        ConfigDef.Width.SHORT,
        "Connect timeout (ms)");
    def.define(
        READ_TIMEOUT_MS,
        ConfigDef.Type.INT,
        30_000,
        ConfigDef.Range.between(1, 600_000),
        ConfigDef.Importance.LOW,
        "How long one attempt waits for the answer, in milliseconds.",
        GROUP_CONNECTION,
        ++order,
        ConfigDef.Width.SHORT,
        "Read timeout (ms)");
    def.define(
        CALL_TIMEOUT_MS,
        ConfigDef.Type.INT,
        60_000,
        ConfigDef.Range.between(1, 3_600_000),
        ConfigDef.Importance.LOW,
        "The deadline of one call, the client's retries of 503 and transport failures included,"
            + " in milliseconds; at least "
            + READ_TIMEOUT_MS
            + ".",
        GROUP_CONNECTION,
        ++order,
        ConfigDef.Width.SHORT,
        "Call timeout (ms)");

    order = 0;
    def.define(
        MODE,
        ConfigDef.Type.STRING,
        "AddOrUpdate",
        ConfigDef.ValidString.in("Add", "Update", "AddOrUpdate"),
        ConfigDef.Importance.HIGH,
        "What a record does: Add creates customers that must be new, Update changes customers"
            + " that exist, AddOrUpdate creates or updates (idempotent, so redelivery after a"
            + " crash is harmless; the other two may refuse a redelivered record).",
        GROUP_WRITING,
        ++order,
        ConfigDef.Width.SHORT,
        "Mode");
    def.define(
        MATCH_BY,
        ConfigDef.Type.STRING,
        "Email",
        ConfigDef.ValidString.in("Email", "PhoneNumber", "CrmId", "GUID", "VisitorId"),
        ConfigDef.Importance.HIGH,
        "The field that identifies a customer. With Email, PhoneNumber or CrmId every record must"
            + " carry that field (email, phone, crmId); records of one customer are written in"
            + " their order in the partition.",
        GROUP_WRITING,
        ++order,
        ConfigDef.Width.SHORT,
        "Match by");
    def.define(
        FIELD_MAPPING,
        ConfigDef.Type.LIST,
        "",
        new FieldMappingValidator(),
        ConfigDef.Importance.MEDIUM,
        "Where customer fields are read from: a comma-separated list of customerField=recordField,"
            + " where recordField may be a dotted path into nested structs or maps"
            + " (email=contact.email). customerField is one of "
            + String.join(", ", FieldMapping.CUSTOMER_FIELDS)
            + ", or customAttributes.NAME for one custom attribute. A customer field that is not"
            + " mapped is read from the record's field of the same name.",
        GROUP_WRITING,
        ++order,
        ConfigDef.Width.LONG,
        "Field mapping");

    order = 0;
    def.define(
        BATCH_SIZE,
        ConfigDef.Type.INT,
        100,
        ConfigDef.Range.between(1, MAX_BATCH_SIZE),
        ConfigDef.Importance.MEDIUM,
        "The most records in one request. The API documents no limit; this connector takes at"
            + " most "
            + MAX_BATCH_SIZE
            + ".",
        GROUP_BATCHING,
        ++order,
        ConfigDef.Width.SHORT,
        "Batch size");
    def.define(
        FLUSH_INTERVAL_MS,
        ConfigDef.Type.LONG,
        1000L,
        ConfigDef.Range.between(0L, 3_600_000L),
        ConfigDef.Importance.MEDIUM,
        "A batch that is not full is sent when its oldest record has waited this long, in"
            + " milliseconds (0: every record is sent as soon as it arrives).",
        GROUP_BATCHING,
        ++order,
        ConfigDef.Width.SHORT,
        "Flush interval (ms)");
    def.define(
        MAX_IN_FLIGHT,
        ConfigDef.Type.INT,
        4,
        ConfigDef.Range.between(1, 64),
        ConfigDef.Importance.MEDIUM,
        "The most batches one task has in flight at once (fewer while the API answers 429).",
        GROUP_BATCHING,
        ++order,
        ConfigDef.Width.SHORT,
        "Max in flight");
    def.define(
        RATE_LIMITED_RETRIES,
        ConfigDef.Type.INT,
        20,
        ConfigDef.Range.between(1, 1000),
        ConfigDef.Importance.LOW,
        "How many 429 answers one part of a batch may get (each waited out as Retry-After asks)"
            + " before the task hands the batch back to Connect, which redelivers it after a"
            + " pause.",
        GROUP_BATCHING,
        ++order,
        ConfigDef.Width.SHORT,
        "429 retries");

    order = 0;
    def.define(
        TOMBSTONE_BEHAVIOR,
        ConfigDef.Type.STRING,
        TOMBSTONE_SKIP,
        ConfigDef.ValidString.in(TOMBSTONE_SKIP, TOMBSTONE_DELETE),
        ConfigDef.Importance.MEDIUM,
        "What a tombstone (a record whose value is null) does. skip (the default): nothing, its"
            + " offset is committed. delete: deletes the customer the record's key names (a string"
            + " key is the match key's value; a struct or map key holds the match key's field),"
            + " which needs "
            + MATCH_BY
            + " Email, PhoneNumber or CrmId. Deleting is irreversible, and compacted topics carry"
            + " tombstones that mean nothing to the customer base, hence skip by default.",
        GROUP_TOMBSTONES,
        ++order,
        ConfigDef.Width.SHORT,
        "Tombstones");
    def.define(
        DELETE_ANONYMIZE,
        ConfigDef.Type.BOOLEAN,
        false,
        ConfigDef.Importance.LOW,
        "With "
            + TOMBSTONE_BEHAVIOR
            + "=delete: whether a delete also anonymizes the customer's data.",
        GROUP_TOMBSTONES,
        ++order,
        ConfigDef.Width.SHORT,
        "Anonymize on delete");
    return def;
  }

  /** Requires a non-blank password, and never shows it. */
  private static final class NonBlankPassword implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, @Nullable Object value) {
      if (!(value instanceof Password p) || p.value() == null || p.value().isBlank()) {
        throw new ConfigException(name + " must not be blank");
      }
    }

    @Override
    public String toString() {
      return "a non-blank API key";
    }
  }

  /** Requires an absolute https URI, or http to a loopback address. */
  private static final class BaseUriValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, @Nullable Object value) {
      if (!(value instanceof String s) || s.isBlank()) {
        throw new ConfigException(name + " must be an absolute http(s) URI");
      }
      URI uri;
      try {
        uri = new URI(s);
      } catch (URISyntaxException e) {
        throw new ConfigException(name + " must be an absolute http(s) URI: " + e.getReason());
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!uri.isAbsolute() || uri.getHost() == null) {
        throw new ConfigException(name + " must be an absolute http(s) URI with a host");
      }
      if (scheme.equals("http")) {
        if (!loopback(uri.getHost())) {
          throw new ConfigException(
              name
                  + " must use https: plain http (allowed to a loopback address only) would send"
                  + " the API key unencrypted");
        }
      } else if (!scheme.equals("https")) {
        throw new ConfigException(name + " must be an absolute http(s) URI");
      }
    }

    private static boolean loopback(String host) {
      String h = host.toLowerCase(Locale.ROOT);
      return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    @Override
    public String toString() {
      return "an absolute https URI (http to a loopback address)";
    }
  }

  /** Checks each {@code customerField=recordField} entry. */
  private static final class FieldMappingValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, @Nullable Object value) {
      if (value == null) {
        return;
      }
      List<?> entries = (List<?>) value;
      try {
        FieldMapping.parse(entries.stream().map(String::valueOf).toList());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name + ": " + e.getMessage());
      }
    }

    @Override
    public String toString() {
      return "a list of customerField=recordField";
    }
  }
}
