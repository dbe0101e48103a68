/**
 * Messages to people: e-mail now (written to an outbox in the sender's transaction and delivered
 * over SMTP with retries), SMS and in-portal messages later.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.ketnoi.notify;
