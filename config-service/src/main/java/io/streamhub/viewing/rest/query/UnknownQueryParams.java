package io.streamhub.viewing.rest.query;

import io.streamhub.config.rest.Errors;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses a query parameter that a method with {@link QueryValue}s does not declare: ignored, a
 * misspelt {@code interactive=true} would get an answer to another question. Other methods accept anything
 * (players add cache busters).
 */
@Provider
public class UnknownQueryParams implements ContainerRequestFilter {

    /** A method's query parameter names; empty when it declares no {@link QueryValue}. */
    private final Map<Method, List<String>> accepted = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        List<String> names = method == null ? List.of() : accepted.computeIfAbsent(method, UnknownQueryParams::declared);
        List<String> unknown = request.getUriInfo().getQueryParameters().keySet().stream()
                .filter(n -> !names.isEmpty() && !names.contains(n)).sorted().toList();
        if (!unknown.isEmpty()) {
            request.abortWith(Errors.of(Response.Status.BAD_REQUEST, "unknown query parameter"
                    + (unknown.size() > 1 ? "s " : " ") + "'" + String.join("', '", unknown) + "'; accepted: " + names));
        }
    }

    private static List<String> declared(Method method) {
        List<Annotation> all = Arrays.stream(method.getParameterAnnotations()).flatMap(Arrays::stream).toList();
        return all.stream().noneMatch(QueryValue.class::isInstance) ? List.of()
                : all.stream().filter(QueryParam.class::isInstance).map(a -> ((QueryParam) a).value()).toList();
    }
}
