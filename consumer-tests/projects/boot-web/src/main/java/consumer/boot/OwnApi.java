package consumer.boot;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The service's own API, served with Spring MVC (spring-boot-starter-web). */
@RestController
public class OwnApi {

  /** Answers pong. */
  @GetMapping("/ping")
  public String ping() {
    return "pong";
  }
}
