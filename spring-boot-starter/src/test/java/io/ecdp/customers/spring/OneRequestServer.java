package io.ecdp.customers.spring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Accepts one connection on loopback, records its first line and closes it: a stand-in proxy. */
final class OneRequestServer implements AutoCloseable {

  private final ServerSocket socket;
  private final CompletableFuture<String> firstLine = new CompletableFuture<>();

  OneRequestServer() throws IOException {
    socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              try (Socket s = socket.accept();
                  BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
                firstLine.complete(String.valueOf(in.readLine()));
              } catch (IOException e) {
                firstLine.completeExceptionally(e);
              }
            },
            "one-request-server");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  String firstLine() throws InterruptedException, ExecutionException {
    return firstLine.get();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
