/**
 * Fees, VietQR codes, payment-gateway adapters, reconciliation and receipts.
 * <p>Not built yet: this package holds the module's place so its boundaries are verified from the start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Payments")
package org.ketnoi.payments;
