package app.smartcomply.webhooks.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The key a client address is counted under. An IPv4 address is itself; an IPv6 address counts as
 * its /64, the block one subscriber is usually handed, since anyone holding one can send from
 * billions of its addresses.
 */
public final class ClientAddress {

    /** Only literal addresses are parsed, so no lookup in DNS can ever happen here. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

    private ClientAddress() {}

    /** @param remoteAddr the request's remote address, as the servlet container gives it */
    public static String key(String remoteAddr) {
        if (remoteAddr == null
                || !remoteAddr.contains(":")
                || !IPV6_LITERAL.matcher(remoteAddr).matches()) {
            return String.valueOf(remoteAddr);
        }
        try {
            int zone = remoteAddr.indexOf('%');
            byte[] bytes = InetAddress.getByName(zone < 0 ? remoteAddr : remoteAddr.substring(0, zone))
                    .getAddress();
            if (bytes.length != 16) {
                return remoteAddr;
            }
            StringBuilder block = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                block.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                        .append(':');
            }
            return block.append(":/64").toString();
        } catch (UnknownHostException e) {
            return remoteAddr;
        }
    }
}
