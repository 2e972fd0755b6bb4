package org.switchboard.runtime.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /health/live}: the liveness probe, 200 {@code {"status":"live"}} while the process and its HTTP server
 * answer, without looking at bundles, components or resources ({@code /health} does that, and says whether to send
 * calls). A supervisor restarts the gateway when this stops answering, never because a database is away.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/health/live")
public class LiveServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final byte[] LIVE = "{\"status\":\"live\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(LIVE.length);
        resp.getOutputStream().write(LIVE);
    }
}
