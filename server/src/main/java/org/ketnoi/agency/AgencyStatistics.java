package org.ketnoi.agency;

/** Headline figures for the portal's home page. */
public record AgencyStatistics(int provinces, int communes, int agencies) {
}
