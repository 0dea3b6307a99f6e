package io.ecdp.customers.sandbox;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.internal.model.CustomerRecordJson;
import io.ecdp.customers.model.Consent;
import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.ConsentsData;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The sandbox's customers, in memory: what {@code POST}, {@code GET} and {@code DELETE} act on.
 *
 * <p>Semantics (see the module's README): a batch is checked record by record and applied all or
 * nothing; {@code Add} refuses a customer whose key exists, {@code Update} refuses one that does
 * not, {@code AddOrUpdate} creates or merges (fields not sent are kept, custom attributes merged by
 * name, consents by id); each new customer gets the next numeric ID; identifiers stay unique;
 * e-mail addresses match case-insensitively. A delete with anonymization keeps the customer's
 * figures under its ID and wipes its personal data.
 *
 * <p>Thread-safe: writes hold a write lock for the whole batch, reads a read lock.
 */
public final class SandboxStore {

  /**
   * Why one record of a batch was refused.
   *
   * @param index the record's index in the batch, or -1 for the whole request
   * @param field the field at fault
   * @param reason the rule it breaks
   */
  public record Rejection(int index, String field, String reason) {
    /** Returns e.g. {@code data[3].email: a customer with this email already exists}. */
    @Override
    public String toString() {
      return (index >= 0 ? "data[" + index + "]." : "") + field + ": " + reason;
    }
  }

  /** One stored customer; mutable, guarded by the store's lock. */
  private static final class Stored {
    final int id;
    String email;
    String phone;
    String crmId;
    String visitorId;
    String firstName;
    String lastName;
    java.time.OffsetDateTime dateOfBirth;
    io.ecdp.customers.model.Gender gender;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final Map<Integer, ConsentValue> consents = new LinkedHashMap<>();
    Figures figures = Figures.NONE;
    boolean anonymized;

    Stored(int id) {
      this.id = id;
    }
  }

  /**
   * The figures the platform computes for a customer; the sandbox keeps what it was given.
   *
   * @param rfmSegment the RFM segment
   * @param totalSpent the total spent
   * @param totalOrders the number of orders
   * @param totalOrderReturns the number of returns
   * @param avgOrder the average order value
   * @param avgPricePoint the average price point
   * @param lastOrder the last order's time
   * @param avgTimeBetweenOrdersInDays the average time between orders
   * @param currencySymbol the currency symbol
   */
  public record Figures(
      String rfmSegment,
      BigDecimal totalSpent,
      Integer totalOrders,
      Integer totalOrderReturns,
      BigDecimal avgOrder,
      BigDecimal avgPricePoint,
      java.time.OffsetDateTime lastOrder,
      BigDecimal avgTimeBetweenOrdersInDays,
      String currencySymbol) {
    /** The figures of a customer who has not ordered yet. */
    public static final Figures NONE =
        new Figures(
            null,
            BigDecimal.ZERO,
            0,
            0,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            null,
            BigDecimal.ZERO,
            null);

    static Figures of(CustomerDetails d) {
      return new Figures(
          d.rfmSegment(),
          d.totalSpent(),
          d.totalOrders(),
          d.totalOrderReturns(),
          d.avgOrder(),
          d.avgPricePoint(),
          d.lastOrder(),
          d.avgTimeBetweenOrdersInDays(),
          d.currencySymbol());
    }
  }

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<Integer, Stored> byId = new HashMap<>();
  private final Map<CustomerKey.Kind, Map<String, Stored>> byKey = new HashMap<>();
  private final Map<String, Stored> byVisitorId = new HashMap<>();
  private int nextId = 1;
  private long modifications;

  /** Creates an empty store. */
  public SandboxStore() {
    for (CustomerKey.Kind kind : CustomerKey.Kind.values()) {
      if (kind != CustomerKey.Kind.ID) {
        byKey.put(kind, new HashMap<>());
      }
    }
  }

  /**
   * Applies a batch: every record is checked first, and the batch is applied only if none is
   * refused.
   *
   * @return the refusals; empty when the batch was applied
   */
  public List<Rejection> upsert(UpsertMode mode, MatchBy matchBy, List<CustomerRecord> records) {
    List<Rejection> rejections = new ArrayList<>();
    if (MatchBy.GUID.equals(matchBy)) {
      rejections.add(
          new Rejection(
              -1,
              "matchBy",
              "GUID is not supported by the sandbox: no customer field is documented for it (D6)"));
      return rejections;
    }
    Function<CustomerRecord, String> keyOf = keyGetter(matchBy);
    String keyField = keyField(matchBy);
    for (int i = 0; i < records.size(); i++) {
      CustomerRecord r = records.get(i);
      int index = i;
      if (r == null) {
        rejections.add(new Rejection(index, "(record)", "must not be null"));
        continue;
      }
      CustomerRecordJson.validate(
          r, "", (field, rule) -> rejections.add(new Rejection(index, field, rule)));
      String key = keyOf.apply(r);
      if (key == null || key.isBlank()) {
        rejections.add(
            new Rejection(index, keyField, "is required when matchBy is " + matchBy.value()));
      }
    }
    if (!rejections.isEmpty()) {
      return rejections;
    }
    lock.writeLock().lock();
    try {
      // Plan the batch against the store plus what earlier records of the batch would do.
      Map<String, Integer> plannedKeys =
          new HashMap<>(); // "kind|value" -> planned owner (-i-1 for new)
      List<Stored> targets = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        CustomerRecord r = records.get(i);
        String match = keyOf.apply(r);
        Stored existing = find(matchBy, match);
        Integer plannedOwner = plannedKeys.get(keyField + "|" + normalize(keyField, match));
        boolean exists = existing != null || plannedOwner != null;
        if (UpsertMode.ADD.equals(mode) && exists) {
          rejections.add(
              new Rejection(i, keyField, "a customer with this " + keyField + " already exists"));
        } else if (UpsertMode.UPDATE.equals(mode) && !exists) {
          rejections.add(new Rejection(i, keyField, "no customer has this " + keyField));
        }
        int owner = existing != null ? existing.id : plannedOwner != null ? plannedOwner : -i - 1;
        for (Map.Entry<String, String> field : identifiers(r).entrySet()) {
          Stored holder = findByField(field.getKey(), field.getValue());
          String planned = field.getKey() + "|" + normalize(field.getKey(), field.getValue());
          Integer plannedHolder = plannedKeys.get(planned);
          if ((holder != null && holder.id != owner)
              || (plannedHolder != null && plannedHolder != owner)) {
            rejections.add(new Rejection(i, field.getKey(), "is already used by another customer"));
          } else {
            plannedKeys.put(planned, owner);
          }
        }
        targets.add(existing);
      }
      if (!rejections.isEmpty()) {
        return rejections;
      }
      Map<Integer, Stored> created = new HashMap<>();
      for (int i = 0; i < records.size(); i++) {
        CustomerRecord r = records.get(i);
        Stored target = targets.get(i);
        if (target == null) {
          // An earlier record of this batch may have created it.
          Integer planned = plannedKeys.get(keyField + "|" + normalize(keyField, keyOf.apply(r)));
          target = planned != null && planned < 0 ? created.get(planned) : null;
        }
        if (target == null) {
          target = new Stored(nextId++);
          byId.put(target.id, target);
          created.put(-i - 1, target);
        }
        merge(target, r);
      }
      modifications++;
      return List.of();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Returns the customer with this key, as {@code GET} answers it. */
  public Optional<CustomerDetails> find(CustomerKey key) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(lookup(key)).map(SandboxStore::details);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Deletes the customer with this key; with {@code anonymize}, keeps its figures under its ID and
   * wipes its personal data.
   *
   * @return whether there was such a customer
   */
  public boolean delete(CustomerKey key, boolean anonymize) {
    lock.writeLock().lock();
    try {
      Stored s = lookup(key);
      if (s == null) {
        return false;
      }
      unindex(s);
      modifications++;
      if (anonymize) {
        s.email = null;
        s.phone = null;
        s.crmId = null;
        s.visitorId = null;
        s.firstName = null;
        s.lastName = null;
        s.dateOfBirth = null;
        s.gender = null;
        s.attributes.clear();
        s.consents.clear();
        s.anonymized = true;
      } else {
        byId.remove(s.id);
      }
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Stores a customer as given (for tests and provider states), replacing any with the same ID or
   * identifiers.
   *
   * @param id the ID to give it, or 0 for the next free one
   * @param details its fields and figures
   * @param visitorId its visitor ID, or null
   * @return its ID
   */
  public int put(int id, CustomerDetails details, String visitorId) {
    Objects.requireNonNull(details, "details");
    lock.writeLock().lock();
    try {
      int assigned = id > 0 ? id : nextId;
      nextId = Math.max(nextId, assigned + 1);
      Stored old = byId.remove(assigned);
      if (old != null) {
        unindex(old);
      }
      CustomerRecord asRecord =
          CustomerRecord.builder()
              .email(details.email())
              .phone(details.phone())
              .crmId(details.crmId())
              .visitorId(visitorId)
              .build();
      for (Map.Entry<String, String> field : identifiers(asRecord).entrySet()) {
        Stored holder = findByField(field.getKey(), field.getValue());
        if (holder != null) {
          unindex(holder);
          byId.remove(holder.id);
        }
      }
      Stored s = new Stored(assigned);
      byId.put(assigned, s);
      merge(
          s,
          asRecord.toBuilder()
              .firstName(details.firstName())
              .lastName(details.lastName())
              .dateOfBirth(details.dateOfBirth())
              .gender(details.gender())
              .customAttributes(details.customAttributes())
              .consentsData(details.consentsData())
              .build());
      s.figures = Figures.of(details);
      modifications++;
      return assigned;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes every customer; IDs start from 1 again. */
  public void clear() {
    lock.writeLock().lock();
    try {
      byId.clear();
      byKey.values().forEach(Map::clear);
      byVisitorId.clear();
      nextId = 1;
      modifications++;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Returns a number that changes whenever the store's content may have changed (a batch applied, a
   * delete, a put, a clear, a restore); a sandbox with a state file saves only when it moved.
   */
  public long modifications() {
    lock.readLock().lock();
    try {
      return modifications;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Returns how many customers are stored, anonymized ones included. */
  public int size() {
    lock.readLock().lock();
    try {
      return byId.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * One stored customer with its ID, for snapshots and persistence.
   *
   * @param id the customer's ID
   * @param visitorId its visitor ID, or null
   * @param anonymized whether it was deleted with anonymization
   * @param details what {@code GET} answers for it
   */
  public record Entry(int id, String visitorId, boolean anonymized, CustomerDetails details) {}

  /** Returns every stored customer, ordered by ID. */
  public List<Entry> snapshot() {
    lock.readLock().lock();
    try {
      List<Entry> out = new ArrayList<>();
      new TreeMap<>(byId)
          .values()
          .forEach(s -> out.add(new Entry(s.id, s.visitorId, s.anonymized, details(s))));
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Replaces the store's content with {@code entries} (from {@link #snapshot()}). */
  public void restore(List<Entry> entries) {
    lock.writeLock().lock();
    try {
      clear();
      for (Entry e : entries) {
        put(e.id(), e.details(), e.visitorId());
        if (e.anonymized()) {
          Stored s = byId.get(e.id());
          unindex(s);
          s.anonymized = true;
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  // ---------------------------------------------------------------- internals (lock held)

  private Stored lookup(CustomerKey key) {
    if (key.kind() == CustomerKey.Kind.ID) {
      try {
        return byId.get(Integer.parseInt(key.value()));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    // E-mail addresses compare case-insensitively.
    String value =
        key.kind() == CustomerKey.Kind.EMAIL ? key.value().toLowerCase(Locale.ROOT) : key.value();
    return byKey.get(key.kind()).get(value);
  }

  private Stored find(MatchBy matchBy, String value) {
    return findByField(keyField(matchBy), value);
  }

  private Stored findByField(String field, String value) {
    if (value == null) {
      return null;
    }
    switch (field) {
      case "email":
        return byKey.get(CustomerKey.Kind.EMAIL).get(value.toLowerCase(Locale.ROOT));
      case "phone":
        return byKey.get(CustomerKey.Kind.PHONE).get(value);
      case "crmId":
        return byKey.get(CustomerKey.Kind.CRM_ID).get(value);
      default:
        return byVisitorId.get(value);
    }
  }

  private static String normalize(String field, String value) {
    return field.equals("email") && value != null ? value.toLowerCase(Locale.ROOT) : value;
  }

  private static Map<String, String> identifiers(CustomerRecord r) {
    Map<String, String> out = new LinkedHashMap<>();
    if (r.email() != null) {
      out.put("email", r.email());
    }
    if (r.phone() != null) {
      out.put("phone", r.phone());
    }
    if (r.crmId() != null) {
      out.put("crmId", r.crmId());
    }
    if (r.visitorId() != null) {
      out.put("visitorId", r.visitorId());
    }
    return out;
  }

  private void merge(Stored s, CustomerRecord r) {
    unindex(s);
    if (r.email() != null) {
      s.email = r.email();
    }
    if (r.phone() != null) {
      s.phone = r.phone();
    }
    if (r.crmId() != null) {
      s.crmId = r.crmId();
    }
    if (r.visitorId() != null) {
      s.visitorId = r.visitorId();
    }
    if (r.firstName() != null) {
      s.firstName = r.firstName();
    }
    if (r.lastName() != null) {
      s.lastName = r.lastName();
    }
    if (r.dateOfBirth() != null) {
      s.dateOfBirth = r.dateOfBirth();
    }
    if (r.gender() != null) {
      s.gender = r.gender();
    }
    if (r.customAttributes() != null) {
      r.customAttributes().forEach(a -> s.attributes.put(a.name(), a.value()));
    }
    if (r.consentsData() != null && r.consentsData().consents() != null) {
      r.consentsData().consents().forEach(c -> s.consents.put(c.id(), c.value()));
    }
    s.anonymized = false;
    index(s);
  }

  private void index(Stored s) {
    if (s.email != null) {
      byKey.get(CustomerKey.Kind.EMAIL).put(s.email.toLowerCase(Locale.ROOT), s);
    }
    if (s.phone != null) {
      byKey.get(CustomerKey.Kind.PHONE).put(s.phone, s);
    }
    if (s.crmId != null) {
      byKey.get(CustomerKey.Kind.CRM_ID).put(s.crmId, s);
    }
    if (s.visitorId != null) {
      byVisitorId.put(s.visitorId, s);
    }
  }

  private void unindex(Stored s) {
    if (s.email != null) {
      byKey.get(CustomerKey.Kind.EMAIL).remove(s.email.toLowerCase(Locale.ROOT), s);
    }
    if (s.phone != null) {
      byKey.get(CustomerKey.Kind.PHONE).remove(s.phone, s);
    }
    if (s.crmId != null) {
      byKey.get(CustomerKey.Kind.CRM_ID).remove(s.crmId, s);
    }
    if (s.visitorId != null) {
      byVisitorId.remove(s.visitorId, s);
    }
  }

  private static CustomerDetails details(Stored s) {
    Figures f = s.figures;
    List<CustomAttribute> attributes = new ArrayList<>();
    s.attributes.forEach(
        (k, v) -> attributes.add(CustomAttribute.builder().name(k).value(v).build()));
    List<Consent> consents = new ArrayList<>();
    s.consents.forEach((k, v) -> consents.add(Consent.builder().id(k).value(v).build()));
    return CustomerDetails.builder()
        .email(s.email)
        .phone(s.phone)
        .crmId(s.crmId)
        .firstName(s.firstName)
        .lastName(s.lastName)
        .dateOfBirth(s.dateOfBirth)
        .gender(s.gender)
        .rfmSegment(f.rfmSegment())
        .totalSpent(f.totalSpent())
        .totalOrders(f.totalOrders())
        .totalOrderReturns(f.totalOrderReturns())
        .avgOrder(f.avgOrder())
        .avgPricePoint(f.avgPricePoint())
        .lastOrder(f.lastOrder())
        .avgTimeBetweenOrdersInDays(f.avgTimeBetweenOrdersInDays())
        .currencySymbol(f.currencySymbol())
        .customAttributes(attributes)
        .consentsData(ConsentsData.builder().consents(consents).build())
        .build();
  }

  private static Function<CustomerRecord, String> keyGetter(MatchBy matchBy) {
    if (MatchBy.EMAIL.equals(matchBy)) {
      return CustomerRecord::email;
    }
    if (MatchBy.PHONE_NUMBER.equals(matchBy)) {
      return CustomerRecord::phone;
    }
    if (MatchBy.CRM_ID.equals(matchBy)) {
      return CustomerRecord::crmId;
    }
    return CustomerRecord::visitorId;
  }

  private static String keyField(MatchBy matchBy) {
    if (MatchBy.EMAIL.equals(matchBy)) {
      return "email";
    }
    if (MatchBy.PHONE_NUMBER.equals(matchBy)) {
      return "phone";
    }
    if (MatchBy.CRM_ID.equals(matchBy)) {
      return "crmId";
    }
    return "visitorId";
  }

  /** Whether no identifiers are shared by two customers (an invariant; used by tests). */
  boolean indexesConsistent() {
    lock.readLock().lock();
    try {
      Set<Stored> indexed = new HashSet<>();
      byKey.values().forEach(m -> indexed.addAll(m.values()));
      indexed.addAll(byVisitorId.values());
      return byId.values().containsAll(indexed);
    } finally {
      lock.readLock().unlock();
    }
  }
}
