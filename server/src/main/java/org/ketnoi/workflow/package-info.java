/**
 * The BPMN engine (Flowable, process engine only) that runs each procedure's process, and the
 * working-day calendar that statutory times are counted in.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Workflow")
package org.ketnoi.workflow;
