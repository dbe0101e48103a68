/**
 * A deterministic synthetic population of the national registry, for load tests and demonstrations:
 * households of realistic shape spread over the 34 provinces and their communes. Exposed so the
 * launcher's {@code generate-population} command can run it without starting the platform.
 */
@org.springframework.modulith.NamedInterface("generator")
package org.ketnoi.population.generator;
