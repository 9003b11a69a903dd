package io.noseid.gateway.error;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

import java.io.IOException;
import java.util.List;

/** Every error of the API leaves as application/problem+json. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response mapApi(ApiException e) {
        if (e.code().status() >= 500) {
            LOG.warnf(e.getCause(), "%s: %s", e.code(), e.getMessage());
        }
        return Problems.response(e);
    }

    @ServerExceptionMapper
    public Response mapValidation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(leaf(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return Problems.response(ErrorCode.FIELD_INVALID, "The request has invalid fields", errors, null);
    }

    @ServerExceptionMapper
    public Response mapWebApplication(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (e instanceof NotFoundException || status == 404) {
            return Problems.response(ErrorCode.NOT_FOUND, "No such resource");
        }
        if (e instanceof NotAllowedException || status == 405) {
            return Problems.response(ErrorCode.METHOD_NOT_ALLOWED, "This method is not allowed here");
        }
        if (e instanceof NotSupportedException || status == 415) {
            return Problems.response(ErrorCode.UNSUPPORTED_MEDIA, "Send multipart/form-data");
        }
        if (status == 413) {
            return Problems.response(ErrorCode.PHOTO_TOO_LARGE, "The request is too large");
        }
        if (status >= 400 && status < 500) {
            return Problems.response(ErrorCode.MALFORMED_REQUEST, "The request could not be read");
        }
        LOG.error("Unexpected web error", e);
        return Problems.response(ErrorCode.INTERNAL_ERROR, "Unexpected error");
    }

    /**
     * Reading the request failed: a multipart body that ends early or has no valid boundary, a connection the client
     * dropped, an upload cut off at the size limit. The client's doing, never a 500; logged without a stack trace.
     */
    @ServerExceptionMapper
    public Response mapUnreadableBody(IOException e) {
        LOG.infof("Request body could not be read: %s", e.getMessage());
        if ("Request too large".equals(e.getMessage())) {
            return Problems.response(ErrorCode.PHOTO_TOO_LARGE, "The request is too large");
        }
        return Problems.response(ErrorCode.MALFORMED_REQUEST,
                "The request body could not be read as multipart/form-data: " + e.getMessage());
    }

    /** The multipart parser's own verdict on a body it cannot split into parts (a part head that never ends). */
    @ServerExceptionMapper
    public Response mapMalformedMultipart(MultipartParser.MalformedMessageException e) {
        LOG.infof("Malformed multipart body: %s", e.getMessage());
        return Problems.response(ErrorCode.MALFORMED_REQUEST,
                "The request body could not be read as multipart/form-data");
    }

    @ServerExceptionMapper(priority = 6000)
    public Response mapOther(Throwable e) {
        if (thrownReadingTheBody(e)) {
            // the form parser trips over what a client sent (a part's Content-Type that is no media type, say)
            LOG.infof("Request body could not be parsed: %s", e.toString());
            return Problems.response(ErrorCode.MALFORMED_REQUEST,
                    "The request body could not be read as multipart/form-data");
        }
        LOG.error("Unexpected error", e);
        return Problems.response(ErrorCode.INTERNAL_ERROR, "Unexpected error");
    }

    /** Whether the exception comes out of the REST layer's form body parsing, before any resource of ours ran. */
    static boolean thrownReadingTheBody(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith("io.noseid.")) {
                return false;
            }
            if (type.equals(FORM_BODY_HANDLER)) {
                return true;
            }
        }
        return false;
    }

    private static final String FORM_BODY_HANDLER = "org.jboss.resteasy.reactive.server.handlers.FormBodyHandler";

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
