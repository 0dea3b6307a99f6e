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
import java.util.function.Consumer;
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
 * <p>Thread-safe: writes hold a write lock for the whole batch, reads a read lock. In a sandbox
 * with a state file ({@link CustomersSandbox.Builder#stateFile}), each change is written to the
 * state's journal under the write lock before it is applied, so before the call returns; a change
 * that cannot be written throws {@link SandboxStateException} and is not applied.
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

    /** Returns an unindexed copy, on which a change is prepared before it is recorded. */
    Stored copy() {
      Stored c = new Stored(id);
      c.email = email;
      c.phone = phone;
      c.crmId = crmId;
      c.visitorId = visitorId;
      c.firstName = firstName;
      c.lastName = lastName;
      c.dateOfBirth = dateOfBirth;
      c.gender = gender;
      c.attributes.putAll(attributes);
      c.consents.putAll(consents);
      c.figures = figures;
      c.anonymized = anonymized;
      return c;
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

  /**
   * What one change did to the store, as a sandbox with a state file writes it to its journal: the
   * customers it removed (by ID), the customers it created or changed (as they are after it), and
   * the next ID after it; {@code clear} empties the store first.
   *
   * @param clear whether every customer was removed first
   * @param removed the IDs of removed customers
   * @param put the created or changed customers, as they are after the change
   * @param nextId the ID the next new customer gets
   */
  @SuppressWarnings("ArrayRecordComponent") // handed from the store to its codec, never compared
  record Change(boolean clear, int[] removed, List<Entry> put, int nextId) {}

  /**
   * Where a sandbox with a state file keeps the store's changes: told of each change before the
   * store applies it, with the write lock held, so that a change is durable before the call that
   * made it returns.
   */
  interface Persistence {
    /**
     * Makes {@code change} durable; throws if it cannot, and the store then does not apply it.
     *
     * @param change the change about to be applied
     */
    void record(Change change);

    /**
     * Makes {@code content} durable as the store's whole content ({@link SandboxStore#restore});
     * throws if it cannot, and the store then keeps its content.
     *
     * @param content a store holding the new content, not shared
     */
    void replace(SandboxStore content);

    /** Runs after a recorded change was applied, with the write lock still held. */
    void applied();
  }

  private static final int[] NO_IDS = new int[0];

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private Map<Integer, Stored> byId;
  private Map<CustomerKey.Kind, Map<String, Stored>> byKey = new HashMap<>();
  private Map<String, Stored> byVisitorId = new HashMap<>();
  private int nextId = 1;
  private long modifications;
  private Persistence persistence;

  /** Repeated texts of the customers being loaded (names, attributes), kept once each. */
  private Map<String, String> texts;

  /** Creates an empty store. */
  public SandboxStore() {
    this(0);
  }

  /** Creates an empty store, to be loaded with about {@code expected} customers. */
  SandboxStore(int expected) {
    int capacity = expected > 0 ? (int) Math.min(1 << 30, expected * 4L / 3 + 1) : 16;
    byId = new HashMap<>(capacity);
    for (CustomerKey.Kind kind : CustomerKey.Kind.values()) {
      if (kind != CustomerKey.Kind.ID) {
        byKey.put(kind, new HashMap<>(capacity));
      }
    }
  }

  /**
   * Applies a batch: every record is checked first, and the batch is applied only if none is
   * refused.
   *
   * @return the refusals; empty when the batch was applied
   * @throws SandboxStateException if the sandbox's state file cannot record the batch (it is then
   *     not applied)
   */
  public List<Rejection> upsert(UpsertMode mode, MatchBy matchBy, List<CustomerRecord> records) {
    Refusals refusals = new Refusals(Integer.MAX_VALUE);
    upsert(mode, matchBy, records, refusals, false);
    return refusals.first();
  }

  /** The refusal of {@code matchBy: GUID}, for which no customer field is documented (D6). */
  static final Rejection GUID_REFUSAL =
      new Rejection(
          -1,
          "matchBy",
          "GUID is not supported by the sandbox: no customer field is documented for it (D6)");

  /**
   * The refusals of one request: the first {@code limit} of them, how many there were, and which
   * records they refused. An answer lists the first ones and counts the rest, so that a batch with
   * a million refused records is not answered with a million lines (nor held as a million objects).
   */
  static final class Refusals {
    private final int limit;
    private final List<Rejection> first = new ArrayList<>();
    private final java.util.BitSet refused = new java.util.BitSet();
    private long total;

    Refusals(int limit) {
      this.limit = limit;
    }

    void add(Rejection r) {
      total++;
      if (r.index() >= 0) {
        refused.set(r.index());
      }
      if (first.size() < limit) {
        first.add(r);
      }
    }

    /** The first refusals, at most the limit, in the order they were found. */
    List<Rejection> first() {
      return first;
    }

    /** How many refusals there were, listed or not. */
    long total() {
      return total;
    }

    /** How many records were refused. */
    int refusedRecords() {
      return refused.cardinality();
    }

    boolean isEmpty() {
      return total == 0;
    }
  }

  /**
   * Checks what one record can be refused for on its own: the spec's constraints on its fields and,
   * when {@code matchBy} is known, the presence of its match key.
   */
  static void checkRecord(int index, CustomerRecord r, MatchBy matchBy, Refusals into) {
    CustomerRecordJson.validate(
        r, "", (field, rule) -> into.add(new Rejection(index, field, rule)));
    if (matchBy != null) {
      checkKey(index, keyPresent(keyGetter(matchBy).apply(r)), matchBy, into);
    }
  }

  /** Refuses a record without its match key (absent or blank). */
  static void checkKey(int index, boolean present, MatchBy matchBy, Refusals into) {
    if (!present) {
      into.add(
          new Rejection(
              index, keyField(matchBy), "is required when matchBy is " + matchBy.value()));
    }
  }

  private static boolean keyPresent(String key) {
    return key != null && !key.isBlank();
  }

  /**
   * Which match keys a record holds, one bit for each {@link MatchBy} but GUID, for a batch whose
   * {@code matchBy} comes after its {@code data}.
   */
  static int keyBits(CustomerRecord r) {
    return (keyPresent(r.email()) ? 1 : 0)
        | (keyPresent(r.phone()) ? 2 : 0)
        | (keyPresent(r.crmId()) ? 4 : 0)
        | (keyPresent(r.visitorId()) ? 8 : 0);
  }

  /** The bit of {@link #keyBits} for {@code matchBy}. */
  static int keyBit(MatchBy matchBy) {
    if (MatchBy.EMAIL.equals(matchBy)) {
      return 1;
    }
    if (MatchBy.PHONE_NUMBER.equals(matchBy)) {
      return 2;
    }
    if (MatchBy.CRM_ID.equals(matchBy)) {
      return 4;
    }
    return 8;
  }

  /**
   * Applies a batch as {@link #upsert(UpsertMode, MatchBy, List)} does, its refusals collected in
   * {@code refusals}; with {@code checked}, the records were already checked on their own ({@link
   * #checkRecord}) and found good.
   */
  void upsert(
      UpsertMode mode,
      MatchBy matchBy,
      List<CustomerRecord> records,
      Refusals refusals,
      boolean checked) {
    if (MatchBy.GUID.equals(matchBy)) {
      refusals.add(GUID_REFUSAL);
      return;
    }
    Function<CustomerRecord, String> keyOf = keyGetter(matchBy);
    String keyField = keyField(matchBy);
    if (!checked) {
      for (int i = 0; i < records.size(); i++) {
        CustomerRecord r = records.get(i);
        if (r == null) {
          refusals.add(new Rejection(i, "(record)", "must not be null"));
        } else {
          checkRecord(i, r, matchBy, refusals);
        }
      }
      if (!refusals.isEmpty()) {
        return;
      }
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
          refusals.add(
              new Rejection(i, keyField, "a customer with this " + keyField + " already exists"));
        } else if (UpsertMode.UPDATE.equals(mode) && !exists) {
          refusals.add(new Rejection(i, keyField, "no customer has this " + keyField));
        }
        int owner = existing != null ? existing.id : plannedOwner != null ? plannedOwner : -i - 1;
        for (Map.Entry<String, String> field : identifiers(r).entrySet()) {
          Stored holder = findByField(field.getKey(), field.getValue());
          String planned = field.getKey() + "|" + normalize(field.getKey(), field.getValue());
          Integer plannedHolder = plannedKeys.get(planned);
          if ((holder != null && holder.id != owner)
              || (plannedHolder != null && plannedHolder != owner)) {
            refusals.add(new Rejection(i, field.getKey(), "is already used by another customer"));
          } else {
            plannedKeys.put(planned, owner);
          }
        }
        targets.add(existing);
      }
      if (!refusals.isEmpty()) {
        return;
      }
      // Prepare the batch on copies (nothing in the store changes until it is recorded).
      Map<Integer, Stored> staged = new LinkedHashMap<>();
      Map<Integer, Stored> created = new HashMap<>();
      int next = nextId;
      for (int i = 0; i < records.size(); i++) {
        CustomerRecord r = records.get(i);
        Stored target = targets.get(i);
        Stored work = null;
        if (target != null) {
          work = staged.computeIfAbsent(target.id, id -> target.copy());
        } else {
          // An earlier record of this batch may have created it.
          Integer planned = plannedKeys.get(keyField + "|" + normalize(keyField, keyOf.apply(r)));
          work = planned != null && planned < 0 ? created.get(planned) : null;
        }
        if (work == null) {
          work = new Stored(next++);
          staged.put(work.id, work);
          created.put(-i - 1, work);
        }
        mergeFields(work, r);
      }
      record(false, NO_IDS, staged.values(), next);
      for (Stored s : staged.values()) {
        Stored old = byId.put(s.id, s);
        if (old != null) {
          unindex(old);
        }
      }
      staged.values().forEach(this::index);
      nextId = next;
      applied();
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
   * @throws SandboxStateException if the sandbox's state file cannot record the deletion (nothing
   *     is then deleted)
   */
  public boolean delete(CustomerKey key, boolean anonymize) {
    lock.writeLock().lock();
    try {
      Stored s = lookup(key);
      if (s == null) {
        return false;
      }
      if (anonymize) {
        Stored wiped = s.copy();
        wiped.email = null;
        wiped.phone = null;
        wiped.crmId = null;
        wiped.visitorId = null;
        wiped.firstName = null;
        wiped.lastName = null;
        wiped.dateOfBirth = null;
        wiped.gender = null;
        wiped.attributes.clear();
        wiped.consents.clear();
        wiped.anonymized = true;
        record(false, NO_IDS, List.of(wiped), nextId);
        unindex(s);
        byId.put(wiped.id, wiped);
      } else {
        record(false, new int[] {s.id}, List.of(), nextId);
        unindex(s);
        byId.remove(s.id);
      }
      applied();
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
   * @throws SandboxStateException if the sandbox's state file cannot record it (nothing is then
   *     stored)
   */
  public int put(int id, CustomerDetails details, String visitorId) {
    Objects.requireNonNull(details, "details");
    lock.writeLock().lock();
    try {
      int assigned = id > 0 ? id : nextId;
      int next = Math.max(nextId, assigned + 1);
      Stored old = byId.get(assigned);
      CustomerRecord asRecord =
          CustomerRecord.builder()
              .email(details.email())
              .phone(details.phone())
              .crmId(details.crmId())
              .visitorId(visitorId)
              .build();
      // Other customers holding one of its identifiers are replaced by it.
      List<Stored> holders = new ArrayList<>();
      for (Map.Entry<String, String> field : identifiers(asRecord).entrySet()) {
        Stored holder = findByField(field.getKey(), field.getValue());
        if (holder != null && holder != old && !holders.contains(holder)) {
          holders.add(holder);
        }
      }
      Stored s = new Stored(assigned);
      mergeFields(
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
      record(false, holders.stream().mapToInt(h -> h.id).toArray(), List.of(s), next);
      if (old != null) {
        unindex(old);
      }
      for (Stored holder : holders) {
        unindex(holder);
        byId.remove(holder.id);
      }
      byId.put(assigned, s);
      index(s);
      nextId = next;
      applied();
      return assigned;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Removes every customer; IDs start from 1 again.
   *
   * @throws SandboxStateException if the sandbox's state file cannot record it (nothing is then
   *     removed)
   */
  public void clear() {
    lock.writeLock().lock();
    try {
      record(true, NO_IDS, List.of(), 1);
      byId.clear();
      byKey.values().forEach(Map::clear);
      byVisitorId.clear();
      nextId = 1;
      applied();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Returns a number that changes whenever the store's content may have changed (a batch applied, a
   * delete, a put, a clear, a restore): how many such changes it has applied.
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
      new TreeMap<>(byId).values().forEach(s -> out.add(entry(s)));
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Replaces the store's content with {@code entries} (from {@link #snapshot()}).
   *
   * @throws SandboxStateException if the sandbox's state file cannot record it (the store then
   *     keeps its content)
   */
  public void restore(List<Entry> entries) {
    SandboxStore content = new SandboxStore();
    for (Entry e : entries) {
      content.put(e.id(), e.details(), e.visitorId());
      if (e.anonymized()) {
        Stored s = content.byId.get(e.id());
        content.unindex(s);
        s.anonymized = true;
      }
    }
    lock.writeLock().lock();
    try {
      if (persistence != null) {
        persistence.replace(content);
      }
      take(content);
    } finally {
      lock.writeLock().unlock();
    }
  }

  // ---------------------------------------------------------------- for the state file

  /**
   * Attaches the persistence that records every later change.
   *
   * @throws IllegalStateException if one is attached already (the store serves another sandbox with
   *     a state file)
   */
  void attach(Persistence p) {
    lock.writeLock().lock();
    try {
      if (persistence != null) {
        throw new IllegalStateException(
            "this store already serves a sandbox with a state file; close that one first");
      }
      persistence = Objects.requireNonNull(p, "p");
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Detaches {@code p}, running {@code last} first with the write lock held, so that no change
   * comes between them.
   */
  void detach(Persistence p, Runnable last) {
    lock.writeLock().lock();
    try {
      if (persistence == p) {
        try {
          last.run();
        } finally {
          persistence = null;
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Runs {@code action} with the write lock held (so that no change comes in the meantime). */
  void locked(Runnable action) {
    lock.writeLock().lock();
    try {
      action.run();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Returns the ID the next new customer gets. */
  int nextId() {
    lock.readLock().lock();
    try {
      return nextId;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Gives every stored customer to {@code sink}, in no particular order. */
  void forEachEntry(Consumer<Entry> sink) {
    lock.readLock().lock();
    try {
      for (Stored s : byId.values()) {
        sink.accept(entry(s));
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Adds a customer read from a state file to this store, which is being loaded.
   *
   * @throws IllegalArgumentException if its ID or one of its identifiers is taken already (the
   *     message names the field, never its value)
   */
  void load(Entry e) {
    lock.writeLock().lock();
    try {
      Stored s = stored(e, texts());
      if (byId.containsKey(s.id)) {
        throw new IllegalArgumentException("customer ID " + s.id + " appears twice");
      }
      checkFree(s);
      byId.put(s.id, s);
      index(s);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Sets the ID the next new customer gets, for a store being loaded.
   *
   * @throws IllegalArgumentException if a stored customer has this ID or a higher one
   */
  void loadNextId(int id) {
    lock.writeLock().lock();
    try {
      for (int stored : byId.keySet()) {
        if (stored >= id) {
          throw new IllegalArgumentException(
              "nextId " + id + " is not above every customer's ID (" + stored + " is stored)");
        }
      }
      nextId = id;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Applies a change read from a journal to this store, which is being loaded.
   *
   * @throws IllegalArgumentException if it does not fit the store (a removed customer that is not
   *     there, an identifier taken by another customer)
   */
  void replay(Change c) {
    lock.writeLock().lock();
    try {
      if (c.clear()) {
        byId.clear();
        byKey.values().forEach(Map::clear);
        byVisitorId.clear();
      }
      for (int id : c.removed()) {
        Stored s = byId.remove(id);
        if (s == null) {
          throw new IllegalArgumentException("it removes customer " + id + ", who is not stored");
        }
        unindex(s);
      }
      List<Stored> put = new ArrayList<>();
      for (Entry e : c.put()) {
        Stored s = stored(e, texts());
        Stored old = byId.put(s.id, s);
        if (old != null) {
          unindex(old);
        }
        put.add(s);
      }
      for (Stored s : put) {
        checkFree(s);
        index(s);
      }
      if (c.nextId() < 1) {
        throw new IllegalArgumentException("nextId " + c.nextId() + " is below 1");
      }
      nextId = c.nextId();
      modifications++;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Takes the content of {@code other}, which is not used afterwards. */
  void take(SandboxStore other) {
    lock.writeLock().lock();
    try {
      other.lock.readLock().lock();
      try {
        byId = other.byId;
        byKey = other.byKey;
        byVisitorId = other.byVisitorId;
        nextId = other.nextId;
      } finally {
        other.lock.readLock().unlock();
      }
      modifications++;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void record(boolean clear, int[] removed, java.util.Collection<Stored> put, int next) {
    if (persistence != null) {
      List<Entry> entries = new ArrayList<>(put.size());
      put.forEach(s -> entries.add(entry(s)));
      persistence.record(new Change(clear, removed, entries, next));
    }
  }

  private void applied() {
    modifications++;
    if (persistence != null) {
      persistence.applied();
    }
  }

  private static Entry entry(Stored s) {
    return new Entry(s.id, s.visitorId, s.anonymized, details(s));
  }

  /** The texts of the customers being loaded: a name shared by many is kept once. */
  private Map<String, String> texts() {
    if (texts == null) {
      texts = new HashMap<>();
    }
    return texts;
  }

  /** Returns the one copy of a short, repeated text (up to a bound); null stays null. */
  private static String shared(Map<String, String> texts, String text) {
    if (text == null || text.length() > 32) {
      return text;
    }
    String known = texts.get(text);
    if (known != null) {
      return known;
    }
    if (texts.size() < 1 << 16) {
      texts.put(text, text);
    }
    return text;
  }

  private static Stored stored(Entry e, Map<String, String> texts) {
    if (e.id() <= 0) {
      throw new IllegalArgumentException("customer ID " + e.id() + " is not positive");
    }
    CustomerDetails d = e.details();
    if (d == null) {
      throw new IllegalArgumentException("customer " + e.id() + " has no details");
    }
    Stored s = new Stored(e.id());
    s.email = d.email();
    s.phone = d.phone();
    s.crmId = d.crmId();
    s.visitorId = e.visitorId();
    s.firstName = shared(texts, d.firstName());
    s.lastName = shared(texts, d.lastName());
    s.dateOfBirth = d.dateOfBirth();
    s.gender = d.gender();
    if (d.customAttributes() != null) {
      d.customAttributes()
          .forEach(a -> s.attributes.put(shared(texts, a.name()), shared(texts, a.value())));
    }
    if (d.consentsData() != null && d.consentsData().consents() != null) {
      d.consentsData().consents().forEach(c -> s.consents.put(c.id(), c.value()));
    }
    Figures figures = Figures.of(d);
    // Most customers have not ordered: one instance for all of them, as for new ones.
    s.figures = figures.equals(Figures.NONE) ? Figures.NONE : figures;
    s.anonymized = e.anonymized();
    return s;
  }

  /** Throws if another customer holds one of the identifiers of {@code s}. */
  private void checkFree(Stored s) {
    if (s.anonymized) {
      return;
    }
    checkFree(s, "email", s.email);
    checkFree(s, "phone", s.phone);
    checkFree(s, "crmId", s.crmId);
    checkFree(s, "visitorId", s.visitorId);
  }

  private void checkFree(Stored s, String field, String value) {
    Stored holder = findByField(field, value);
    if (holder != null && holder.id != s.id) {
      throw new IllegalArgumentException(
          "customer " + s.id + " has the " + field + " of customer " + holder.id);
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
    return switch (field) {
      case "email" -> byKey.get(CustomerKey.Kind.EMAIL).get(value.toLowerCase(Locale.ROOT));
      case "phone" -> byKey.get(CustomerKey.Kind.PHONE).get(value);
      case "crmId" -> byKey.get(CustomerKey.Kind.CRM_ID).get(value);
      default -> byVisitorId.get(value);
    };
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

  /** Merges the record's fields into {@code s}, which is not indexed (a copy, or new). */
  private static void mergeFields(Stored s, CustomerRecord r) {
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
  }

  private void index(Stored s) {
    if (s.anonymized) {
      return; // an anonymized customer is found by its ID only
    }
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
