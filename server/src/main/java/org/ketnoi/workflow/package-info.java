/**
 * The BPMN engine that runs each procedure's process, its tasks, timers and the working-day calendar.
 * <p>Not built yet: this package holds the module's place so its boundaries are verified from the start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Workflow")
package org.ketnoi.workflow;
