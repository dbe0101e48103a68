/**
 * Accounts of citizens, officials and agency systems, the OpenID Connect provider, MFA and sessions.
 * <p>Not built yet: this package holds the module's place so its boundaries are verified from the start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity and sign-on")
package org.ketnoi.identity;
