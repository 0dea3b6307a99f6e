package io.ecdp.customers.kafka.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Adds or updates ExpertSender CDP customers from Kafka topics: a Kafka Connect sink connector
 * whose tasks ({@link EcdpCustomersSinkTask}) write the records in batches through the Customers
 * API, at least once and in order per customer.
 *
 * <p>Its settings are {@link EcdpCustomersSinkConfig}'s; {@link #validate(Map)} also checks the
 * rules that span settings (a {@code delete} tombstone needs a match key a delete can address).
 */
public final class EcdpCustomersSinkConnector extends SinkConnector {

  /** The task setting that tells a task its index (added by {@link #taskConfigs(int)}). */
  static final String TASK_INDEX = "ecdp.internal.task.index";

  private Map<String, String> props = Map.of();

  /** Creates the connector; Connect calls {@link #start(Map)} next. */
  public EcdpCustomersSinkConnector() {}

  /**
   * Returns the connector's version, the project's.
   *
   * @return the version
   */
  @Override
  public String version() {
    return Versions.version();
  }

  /**
   * Checks the settings and keeps them for the tasks.
   *
   * @param props the connector's settings
   */
  @Override
  public void start(Map<String, String> props) {
    new EcdpCustomersSinkConfig(props);
    this.props = Map.copyOf(props);
  }

  /**
   * Returns the task class, {@link EcdpCustomersSinkTask}.
   *
   * @return the task class
   */
  @Override
  public Class<? extends Task> taskClass() {
    return EcdpCustomersSinkTask.class;
  }

  /**
   * Returns one configuration per task: the connector's settings and the task's index.
   *
   * @param maxTasks the most tasks
   * @return the tasks' settings
   */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      Map<String, String> task = new HashMap<>(props);
      task.put(TASK_INDEX, Integer.toString(i));
      configs.add(task);
    }
    return configs;
  }

  /** Stops the connector; it holds no resource. */
  @Override
  public void stop() {}

  /**
   * Returns the definition of the settings.
   *
   * @return {@link EcdpCustomersSinkConfig#configDef()}
   */
  @Override
  public ConfigDef config() {
    return EcdpCustomersSinkConfig.configDef();
  }

  /**
   * Validates the settings one by one, then the rules that span several of them.
   *
   * @param connectorConfigs the settings to check
   * @return each setting's value and error messages
   */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    Map<String, ConfigValue> byName = new HashMap<>();
    for (ConfigValue v : config.configValues()) {
      byName.put(v.name(), v);
    }
    EcdpCustomersSinkConfig.validateAcross(byName);
    return config;
  }
}
