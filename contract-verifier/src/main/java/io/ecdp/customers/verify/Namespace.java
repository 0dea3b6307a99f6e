package io.ecdp.customers.verify;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Holds the reserved namespace a live verification may write to: the customers whose e-mail address
 * is in one domain, whose CRM ID starts with one prefix, or whose phone number starts with one
 * prefix. Nothing outside it is created, updated or deleted.
 */
public final class Namespace {

  /**
   * The default phone prefix, {@code +999}: a country code the ITU has not assigned, so no real
   * customer's number starts with it.
   */
  public static final String DEFAULT_PHONE_PREFIX = "+999";

  private static final Pattern DOMAIN =
      Pattern.compile("^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,63}$");
  private static final Pattern CRM_PREFIX = Pattern.compile("^[A-Za-z0-9._:-]{4,64}$");
  private static final Pattern PHONE_PREFIX = Pattern.compile("^\\+[0-9]{3,8}$");

  private final String emailDomain;
  private final String crmIdPrefix;
  private final String phonePrefix;

  private Namespace(String emailDomain, String crmIdPrefix, String phonePrefix) {
    this.emailDomain = emailDomain;
    this.crmIdPrefix = crmIdPrefix;
    this.phonePrefix = phonePrefix;
  }

  /**
   * Returns the namespace of the given e-mail domain, CRM ID prefix and phone prefix.
   *
   * @throws IllegalArgumentException naming the setting and the rule it breaks: the domain must be
   *     a domain name with a dot (such as {@code contract-tests.example.com}), the CRM ID prefix 4
   *     to 64 letters, digits or {@code ._:-}, the phone prefix {@code +} and 3 to 8 digits
   */
  public static Namespace of(String emailDomain, String crmIdPrefix, String phonePrefix) {
    Objects.requireNonNull(emailDomain, "emailDomain");
    Objects.requireNonNull(crmIdPrefix, "crmIdPrefix");
    Objects.requireNonNull(phonePrefix, "phonePrefix");
    String domain = emailDomain.strip().toLowerCase(Locale.ROOT);
    if (!DOMAIN.matcher(domain).matches()) {
      throw new IllegalArgumentException(
          "email domain: must be a domain name such as contract-tests.example.com, not '"
              + emailDomain
              + "'");
    }
    if (!CRM_PREFIX.matcher(crmIdPrefix).matches()) {
      throw new IllegalArgumentException(
          "CRM ID prefix: must be 4 to 64 letters, digits or ._:- (such as ecdp-contract-), not '"
              + crmIdPrefix
              + "'");
    }
    if (!PHONE_PREFIX.matcher(phonePrefix).matches()) {
      throw new IllegalArgumentException(
          "phone prefix: must be + and 3 to 8 digits (such as +999), not '" + phonePrefix + "'");
    }
    return new Namespace(domain, crmIdPrefix, phonePrefix);
  }

  /** Returns the e-mail domain, lower case. */
  public String emailDomain() {
    return emailDomain;
  }

  /** Returns the CRM ID prefix. */
  public String crmIdPrefix() {
    return crmIdPrefix;
  }

  /** Returns the phone prefix. */
  public String phonePrefix() {
    return phonePrefix;
  }

  /** Returns whether the e-mail address is in the namespace's domain (ignoring case). */
  public boolean ownsEmail(String email) {
    if (email == null) {
      return false;
    }
    int at = email.lastIndexOf('@');
    return at > 0
        && email.indexOf('@') == at
        && email.substring(at + 1).toLowerCase(Locale.ROOT).equals(emailDomain);
  }

  /** Returns whether the CRM ID starts with the namespace's prefix and has more after it. */
  public boolean ownsCrmId(String crmId) {
    return crmId != null && crmId.length() > crmIdPrefix.length() && crmId.startsWith(crmIdPrefix);
  }

  /** Returns whether the phone number starts with the namespace's prefix and has more after it. */
  public boolean ownsPhone(String phone) {
    return phone != null && phone.length() > phonePrefix.length() && phone.startsWith(phonePrefix);
  }

  @Override
  public String toString() {
    return "e-mail @" + emailDomain + ", CRM ID " + crmIdPrefix + "*, phone " + phonePrefix + "*";
  }
}
