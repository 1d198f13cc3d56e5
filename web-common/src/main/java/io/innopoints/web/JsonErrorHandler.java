package io.innopoints.web;

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
 * before the application sees it) as the project's one problem document ({@link ErrorBody#forStatus(int)}) instead
 * of an HTML page, whatever the request's {@code Accept}. The detail is a fixed text per status: Jetty's reasons can
 * echo request parts.
 */
public final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message) throws IOException {
        byte[] body = body(code, request.getRequestURI());
        response.setContentType(ErrorBody.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, ErrorBody.CONTENT_TYPE));
        return ByteBuffer.wrap(body(status, null));
    }

    static byte[] body(int status, String instance) {
        return ErrorBody.render(ErrorBody.at(ErrorBody.forStatus(status), instance)).getBytes(StandardCharsets.UTF_8);
    }
}
