package io.streamhub.viewing.rest.query;

import io.streamhub.config.rest.Errors;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/** Refused parameters as the API's error body: all of them in one message, each naming itself. */
@Provider
public class ViolationsAsBadRequest implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        return Errors.of(Response.Status.BAD_REQUEST, e.getConstraintViolations().stream()
                .map(ViolationsAsBadRequest::sentence).sorted().collect(Collectors.joining("; ")));
    }

    /** A value's problem ("must be …") follows its parameter's name, the last node of {@code method.parameter}. */
    private static String sentence(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        return v.getMessage().startsWith("must ") ? path.substring(path.lastIndexOf('.') + 1) + " " + v.getMessage() : v.getMessage();
    }
}
