package io.ecdp.customers;

/** Whether a delete also anonymizes the customer's data ({@code withAnonymization}). */
public enum Anonymization {
  /** Delete only: no parameter is sent (the server's default, {@code false}). */
  NONE,
  /** Delete and anonymize the customer's data: {@code withAnonymization=true}. */
  ANONYMIZE
}
