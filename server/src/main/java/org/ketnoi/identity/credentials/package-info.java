/**
 * The identity module's credentials: password hashing and policy, TOTP second factor, recovery
 * codes and OAuth2 client secrets. Internal to the module; other modules never see a credential.
 */
package org.ketnoi.identity.credentials;
