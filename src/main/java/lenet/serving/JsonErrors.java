package lenet.serving;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import lenet.core.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals (headers too large, a malformed request line, an overloaded server) answered as
 * {@code {"error": "..."}} like every other error of lenet's, never with a stack trace.
 */
final class JsonErrors extends ErrorHandler {
    static byte[] body(String message) {
        return Json.line(Map.of("error", message)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        String reason = HttpStatus.getMessage(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code + " " + reason)), callback);
    }
}
