package io.ecdp.customers.sandbox;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks every request the sandbox receives and every response it sends against the spec
 * (swagger-request-validator), from inside the server: register it on the sandbox in a test.
 */
@Priority(500) // before the API-key check, so that 401 answers are checked too
final class SpecConformance
    implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {

  private static final OpenApiInteractionValidator VALIDATOR =
      OpenApiInteractionValidator.createForSpecificationUrl(
              Path.of(System.getProperty("ecdp.spec")).toUri().toString())
          .build();
  private static final String REQUEST = "spec-conformance.request";
  private static final String RESPONSE = "spec-conformance.response";

  private final List<String> requestViolations = new CopyOnWriteArrayList<>();
  private final List<String> responseViolations = new CopyOnWriteArrayList<>();
  private final AtomicInteger responsesChecked = new AtomicInteger();

  List<String> requestViolations() {
    return requestViolations;
  }

  List<String> responseViolations() {
    return responseViolations;
  }

  int responsesChecked() {
    return responsesChecked.get();
  }

  void reset() {
    requestViolations.clear();
    responseViolations.clear();
    responsesChecked.set(0);
  }

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
    if (body.length > 0) {
      request.setEntityStream(new ByteArrayInputStream(body));
    }
    String path = request.getUriInfo().getRequestUri().getRawPath();
    SimpleRequest.Builder b = new SimpleRequest.Builder(request.getMethod(), path);
    request.getHeaders().forEach(b::withHeader);
    request.getUriInfo().getQueryParameters().forEach(b::withQueryParam);
    if (body.length > 0) {
      b.withBody(new String(body, StandardCharsets.UTF_8));
    }
    SimpleRequest simple = b.build();
    request.setProperty(REQUEST, simple);
    report(requestViolations, simple.getMethod() + " " + path, VALIDATOR.validateRequest(simple));
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    SimpleRequest simple = (SimpleRequest) request.getProperty(REQUEST);
    if (simple == null) {
      return; // not an operation of the spec (no resource matched)
    }
    SimpleResponse.Builder b = SimpleResponse.Builder.status(response.getStatus());
    response.getStringHeaders().forEach(b::withHeader);
    if (response.hasEntity()) {
      request.setProperty(RESPONSE, b); // the body is checked once written
      return;
    }
    check(simple, b.build());
  }

  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    SimpleResponse.Builder b = (SimpleResponse.Builder) context.getProperty(RESPONSE);
    if (b == null) {
      context.proceed();
      return;
    }
    OutputStream original = context.getOutputStream();
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    context.setOutputStream(
        new OutputStream() {
          @Override
          public void write(int c) throws IOException {
            original.write(c);
            copy.write(c);
          }

          @Override
          public void write(byte[] bytes, int off, int len) throws IOException {
            original.write(bytes, off, len);
            copy.write(bytes, off, len);
          }
        });
    context.proceed();
    b.withBody(copy.toString(StandardCharsets.UTF_8));
    check((SimpleRequest) context.getProperty(REQUEST), b.build());
  }

  private void check(SimpleRequest request, SimpleResponse response) {
    responsesChecked.incrementAndGet();
    report(
        responseViolations,
        request.getMethod() + " " + request.getPath() + " -> " + response.getStatus(),
        VALIDATOR.validateResponse(request.getPath(), request.getMethod(), response));
  }

  private static void report(List<String> into, String where, ValidationReport report) {
    report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .forEach(m -> into.add(where + ": " + m.getKey() + ": " + m.getMessage()));
  }
}
