package org.ketnoi.platform;

import java.util.List;

/** Lines a module adds to the start-up report (the demo accounts, for instance). */
public interface StartupNotice {

    List<String> lines();
}
