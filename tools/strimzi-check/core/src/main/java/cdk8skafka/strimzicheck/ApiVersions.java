package cdk8skafka.strimzicheck;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strimzi's API version ranges as its annotations spell them ("all", "v1beta2+", "v1alpha1-v1beta2", "v1"),
 * so that @PresentInVersions, @RequiredInVersions and the apiVersions of @Minimum... apply to the checked version only.
 */
final class ApiVersions {
    private static final Pattern VERSION = Pattern.compile("v([0-9]+)(?:(alpha|beta)([0-9]+))?");

    private ApiVersions() { }

    /** A sortable rank: major, then alpha < beta < stable, then minor. */
    static long rank(String version) {
        Matcher m = VERSION.matcher(version.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Kubernetes API version: " + version);
        }
        long major = Long.parseLong(m.group(1));
        int stability = m.group(2) == null ? 2 : "beta".equals(m.group(2)) ? 1 : 0;
        long minor = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        return major * 1_000_000L + stability * 10_000L + minor;
    }

    /** Whether {@code range} contains {@code version}. */
    static boolean contains(String range, String version) {
        String r = range.trim();
        if (r.isEmpty() || "all".equals(r)) {
            return true;
        }
        long v = rank(version);
        if (r.endsWith("+")) {
            return v >= rank(r.substring(0, r.length() - 1));
        }
        int dash = r.indexOf('-');
        if (dash > 0) {
            return v >= rank(r.substring(0, dash)) && v <= rank(r.substring(dash + 1));
        }
        return v == rank(r);
    }
}
