package org.ketnoi.platform;

/** A signed-in principal that has a name to show in the page header. */
public interface DisplayName {

    String displayName();
}
