package org.ketnoi.platform;

/** A signed-in principal that has a name to show in the page header. */
public interface DisplayName {

    String displayName();

    /** Who the person is to the portal ({@code CITIZEN}, {@code OFFICIAL}, …): the header's menu follows it. */
    default String audience() {
        return "";
    }
}
