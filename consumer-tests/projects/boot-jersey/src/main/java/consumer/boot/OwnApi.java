package consumer.boot;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's own API, served with Jersey (spring-boot-starter-jersey, jersey-spring6). */
@Configuration
public class OwnApi {

  /** The service's Jersey application (without WADL, which would warn that JAXB is missing). */
  @Bean
  ResourceConfig jersey() {
    return new ResourceConfig(Ping.class).property(ServerProperties.WADL_FEATURE_DISABLE, true);
  }

  /** One resource of the service's own API. */
  @Path("/ping")
  public static class Ping {
    /** Answers pong. */
    @GET
    public String ping() {
      return "pong";
    }
  }
}
