package io.streamhub.egress.driver;

/** A LiveKit server (one per media node) and the credentials to call it. */
public record MediaNode(String id, String url, String apiKey, String apiSecret) {

    @Override
    public String toString() {
        return "MediaNode[" + id + " " + url + "]"; // never the secret
    }
}
