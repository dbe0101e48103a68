/**
 * A deterministic synthetic population of the national registry, for load tests and demonstrations:
 * households of realistic shape spread over the 34 provinces and their communes.
 */
package org.ketnoi.population.generator;
