package org.ketnoi.notify;

import java.security.Principal;
import java.util.Optional;

/**
 * Whose inbox a signed-in person reads: their account id, as {@link Inbox#post} was given it. The
 * module that signs people in implements this; notify cannot ask that module itself, since it sends
 * its own mail through notify and modules do not depend on each other both ways.
 */
public interface InboxOwners {

    /** The account id of a page request's principal, or empty for one without an inbox (an agency system). */
    Optional<String> accountOf(Principal signedIn);
}
