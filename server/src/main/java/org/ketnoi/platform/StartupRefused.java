package org.ketnoi.platform;

/** A start-up problem the operator can fix; its message is the one line printed before exiting. */
public class StartupRefused extends RuntimeException {

    public StartupRefused(String message) {
        super(message);
    }
}
