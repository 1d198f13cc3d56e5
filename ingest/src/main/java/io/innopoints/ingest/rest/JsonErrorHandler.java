package io.innopoints.ingest.rest;

import io.innopoints.schemas.http.ErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error answers (a bad URI such as a lone {@code %}, a header above the limit, anything Jetty rejects
 * before the application sees it) in the project's one JSON error shape ({@link ErrorBody}) instead of an HTML page.
 * The message is a fixed text per status: Jetty's reasons can echo request parts.
 */
public final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message) throws IOException {
        byte[] body = body(code);
        response.setContentType(ErrorBody.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, ErrorBody.CONTENT_TYPE));
        return ByteBuffer.wrap(body(status));
    }

    static byte[] body(int status) {
        return ErrorBody.render(ErrorBody.of(ErrorBody.code(status), message(status))).getBytes(StandardCharsets.UTF_8);
    }

    private static String message(int status) {
        return switch (status) {
            case 400 -> "the request could not be read (malformed URI, header or framing)";
            case 404 -> "no such resource (see /openapi.json)";
            case 405 -> "method not allowed on this resource";
            case 413 -> "request too large";
            case 414 -> "request URI too long";
            case 415 -> "unsupported media type";
            case 431 -> "request headers too large";
            default -> "HTTP " + status;
        };
    }
}
