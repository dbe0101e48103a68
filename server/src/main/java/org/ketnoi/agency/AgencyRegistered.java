package org.ketnoi.agency;

/** Published when an agency joins the tree, inside the registering transaction. */
public record AgencyRegistered(AgencyId id, String level, java.util.Optional<AgencyId> parent) {
}
