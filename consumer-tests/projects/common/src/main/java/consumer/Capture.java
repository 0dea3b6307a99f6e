package consumer;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Registered on the sandbox: records what the client sent (User-Agent, request bodies), and answers
 * every customer with a gender the spec does not list, to see the client keep an unknown value.
 */
public final class Capture implements ContainerRequestFilter, WriterInterceptor {

  static final String UNKNOWN_GENDER = "Nonbinary";

  final List<String> userAgents = new CopyOnWriteArrayList<>();
  final List<String> requestBodies = new CopyOnWriteArrayList<>();

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    userAgents.add(String.valueOf(request.getHeaderString("User-Agent")));
    if (request.hasEntity()) {
      byte[] body = request.getEntityStream().readAllBytes();
      requestBodies.add(new String(body, StandardCharsets.UTF_8));
      request.setEntityStream(new ByteArrayInputStream(body));
    }
  }

  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    OutputStream original = context.getOutputStream();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    context.setOutputStream(buffer);
    context.proceed();
    String json = buffer.toString(StandardCharsets.UTF_8);
    original.write(
        json.replace("\"gender\":\"Female\"", "\"gender\":\"" + UNKNOWN_GENDER + "\"")
            .getBytes(StandardCharsets.UTF_8));
    context.setOutputStream(original);
  }
}
