/**
 * E-mail, SMS and in-portal messages.
 * <p>Not built yet: this package holds the module's place so its boundaries are verified from the start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.ketnoi.notify;
