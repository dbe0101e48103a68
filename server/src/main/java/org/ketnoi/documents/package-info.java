/**
 * Official documents between agencies: numbering, edXML envelopes, routing and status receipts.
 * <p>Not built yet: this package holds the module's place so its boundaries are verified from the start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Official documents")
package org.ketnoi.documents;
