/**
 * The Decision 766 service-quality index and digital-transformation figures, with charts and exports.
 * <p>Not built yet: this package holds the module's place so its boundaries are verified from the start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insights")
package org.ketnoi.insights;
