import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One tracker announce over WebSocket, as images' ContainerSmokeIT sends it; prints the reply.
 *   java native/Announce.java ws://127.0.0.1:<port>/announce/<app>/<room>
 * Exit 0 when the reply carries an "interval" (the tracker knew the app and took the peer).
 */
public class Announce {
    public static void main(String[] args) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(args[0]),
                new WebSocket.Listener() {
                    final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            reply.complete(text.toString());
                        }
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        reply.completeExceptionally(error);
                    }
                }).get(5, TimeUnit.SECONDS);
        try {
            ws.sendText("{\"action\":\"announce\",\"info_hash\":\"smoke-swarm-hash-001\",\"peer_id\":\"-SM0001-smokepeer001\","
                    + "\"numwant\":5,\"uploaded\":0,\"downloaded\":0,\"left\":1,\"event\":\"started\",\"offers\":[]}", true);
            String text = reply.get(5, TimeUnit.SECONDS);
            System.out.println(text);
            System.exit(text.contains("\"interval\"") ? 0 : 1);
        } finally {
            ws.abort();
        }
    }
}
