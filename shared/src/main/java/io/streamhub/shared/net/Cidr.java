package io.streamhub.shared.net;

import java.net.InetAddress;

/** An address range, {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a range of one. */
public final class Cidr {

    private final byte[] network;
    private final int bits;

    private Cidr(byte[] network, int bits) {
        this.network = network;
        this.bits = bits;
    }

    /** The range {@code text} spells, or {@code null} when it is not one. */
    public static Cidr parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        InetAddress address = IpLiteral.parse(slash < 0 ? s : s.substring(0, slash));
        if (address == null) {
            return null;
        }
        int max = address.getAddress().length * 8;
        int bits = max;
        if (slash >= 0) {
            String n = s.substring(slash + 1);
            if (!n.matches("[0-9]{1,3}") || (bits = Integer.parseInt(n)) > max) {
                return null;
            }
        }
        return new Cidr(address.getAddress(), bits);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int whole = bits / 8;
        for (int i = 0; i < whole; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return rest == 0 || (a[whole] & mask) == (network[whole] & mask);
    }
}
