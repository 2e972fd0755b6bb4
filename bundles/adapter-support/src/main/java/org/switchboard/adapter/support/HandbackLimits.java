package org.switchboard.adapter.support;

import java.util.List;
import java.util.Locale;

/**
 * The hand-back settings every adapter has, checked the same way: the transfer method ({@code bye} or
 * {@code refer}), the REFER target (a number or SIP URI), and the header limits.
 *
 * @param refer whether an agent handoff is a REFER when the flow names no method or target
 * @param referTarget the configured REFER target, or {@code null}
 * @param maxCustomHeaders at most this many custom headers per message
 * @param maxValueBytes header values are cut to this many bytes
 */
public record HandbackLimits(boolean refer, String referTarget, int maxCustomHeaders, int maxValueBytes) {

    /**
     * Checks the properties {@code transfer.method}, {@code refer.target}, {@code max.custom.headers} and
     * {@code max.value.bytes}; each problem is added to {@code problems}.
     */
    public static HandbackLimits check(
            String transferMethod, String referTarget, int maxCustomHeaders, int maxValueBytes, List<String> problems) {
        String method = transferMethod == null ? "" : transferMethod.trim().toLowerCase(Locale.ROOT);
        if (!method.equals("bye") && !method.equals("refer")) {
            problems.add("property 'transfer.method' = '" + transferMethod + "': must be 'bye' or 'refer'");
        }
        String target = referTarget == null ? "" : referTarget.trim();
        if (method.equals("refer") && target.isEmpty()) {
            problems.add("property 'refer.target' is empty: transfer method 'refer' needs a number or SIP URI");
        }
        if (!target.isEmpty() && !(target.matches("\\+?[0-9]{3,15}") || target.matches("sips?:[^\\s<>\"]+"))) {
            problems.add("property 'refer.target' = '" + target + "': must be a phone number or a SIP URI");
        }
        if (maxCustomHeaders < 1 || maxCustomHeaders > 50) {
            problems.add("property 'max.custom.headers' = '" + maxCustomHeaders + "': must be between 1 and 50");
        }
        if (maxValueBytes < 16 || maxValueBytes > 4096) {
            problems.add("property 'max.value.bytes' = '" + maxValueBytes + "': must be between 16 and 4096");
        }
        return new HandbackLimits(
                method.equals("refer"), target.isEmpty() ? null : target, maxCustomHeaders, maxValueBytes);
    }
}
