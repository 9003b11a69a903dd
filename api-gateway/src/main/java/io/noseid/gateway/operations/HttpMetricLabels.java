package io.noseid.gateway.operations;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;

/**
 * Keeps the {@code uri} label of the HTTP server metrics to route templates. A request that matched no route (a
 * wrong method, a refused key, an unknown path) would otherwise be labelled with its raw path: anyone could grow
 * {@code /q/metrics} without bound, and a registration number (it ends with phone digits) could land there.
 */
public class HttpMetricLabels {

    /** The label every request shares that matched no route template. */
    public static final String UNMATCHED = "UNMATCHED";

    /** Routes without path parameters: their template is their path. */
    static final Set<String> LITERAL_ROUTES = Set.of("/", "/api/v1/registrations", "/api/v1/identifications",
            "/api/v1/admin/matcher", "/api/v1/admin/matcher/adaptations");

    /** Labels Quarkus itself gives to requests without a route. */
    static final Set<String> QUARKUS_LABELS = Set.of("NOT_FOUND", "REDIRECTION", "root", "UNKNOWN");

    @Produces
    @Singleton
    MeterFilter routeTemplatesOnly() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("http.server")) {
                    return id;
                }
                String uri = id.getTag("uri");
                if (uri == null || isTemplate(uri)) {
                    return id;
                }
                List<Tag> tags = id.getTags().stream()
                        .map(t -> "uri".equals(t.getKey()) ? Tag.of("uri", UNMATCHED) : t)
                        .toList();
                return id.replaceTags(tags);
            }
        };
    }

    static boolean isTemplate(String uri) {
        return uri.contains("{") || LITERAL_ROUTES.contains(uri) || QUARKUS_LABELS.contains(uri);
    }
}
