/**
 * Accounts of officials (bound to an agency and roles), agency systems and citizens, and who the
 * caller of a request is. Sign-in for now is HTTP Basic over these accounts; the OpenID Connect
 * provider replaces it with the identity capability.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity and sign-on")
package org.ketnoi.identity;
