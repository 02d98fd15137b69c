package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.error.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Query parameters of the form {@code family[key]=value}: see {@link QueryParamFamily}. */
final class DeepObjectParams {

    private DeepObjectParams() {}

    /** Most members one request may give: a bound on the work one filter asks of the store. */
    static final int MAX_MEMBERS = 50;

    /**
     * The family's members in the request, key to value, in the order given. A key given twice, an
     * empty key, or more than {@link #MAX_MEMBERS} members are refused with 400.
     */
    static Map<String, String> values(HttpServletRequest request, String family) {
        Map<String, String> values = new LinkedHashMap<>();
        Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (!isMember(name, family)) {
                continue;
            }
            String key = name.substring(family.length() + 1, name.length() - 1);
            String[] given = request.getParameterValues(name);
            if (key.isEmpty() || given.length != 1) {
                throw new InvalidInputException(
                        "invalid_parameter", family, family + "[key]=value takes a non-empty key, each key once.");
            }
            values.put(key, given[0]);
            if (values.size() > MAX_MEMBERS) {
                throw new InvalidInputException(
                        "invalid_parameter",
                        family,
                        "At most " + MAX_MEMBERS + " " + family + "[key] filters in one request.");
            }
        }
        return values;
    }

    /** True for {@code family[…]}. */
    static boolean isMember(String name, String family) {
        return name.length() > family.length() + 1
                && name.startsWith(family)
                && name.charAt(family.length()) == '['
                && name.endsWith("]");
    }
}
