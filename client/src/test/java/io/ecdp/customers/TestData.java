package io.ecdp.customers;

/** Realistic values shared by the tests, from the vendor's documented examples. */
final class TestData {
  static final String API_KEY = "test-key-3f9a1c7e5b2d4f60";
  static final String EMAIL = "adam@poczta.pl";
  static final String PHONE = "+48123456789";

  static final String CUSTOMER_JSON =
      """
      {"status":0,"data":{"email":"adam@poczta.pl","phone":"123456789","crmId":"57",\
      "firstName":"Adam","lastName":"Nowak","dateOfBirth":"2023-07-25T13:58:16.339Z",\
      "gender":"Female","rfmSegment":"Champions","totalSpent":1523.50,"totalOrders":14,\
      "totalOrderReturns":1,"avgOrder":108.82,"avgPricePoint":36.27,\
      "lastOrder":"2023-07-25T13:58:16.339Z","avgTimeBetweenOrdersInDays":12.5,\
      "currencySymbol":"zł","customAttributes":[{"name":"loyaltyTier","value":"gold"}],\
      "consentsData":{"consents":[{"id":0,"value":"False"}]}}}""";

  static final String NOT_FOUND =
      """
      {"type":"https://tools.ietf.org/html/rfc7231#section-6.5.4","title":"Not Found",\
      "status":404,"detail":"Customer not found.","instance":"/customers/email/adam@poczta.pl"}""";

  private TestData() {}
}
