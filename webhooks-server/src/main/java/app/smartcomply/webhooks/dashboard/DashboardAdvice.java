package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every dashboard page gets (the viewer, the time formatter), and the pages shown when
 * something goes wrong — HTML, in the dashboard's layout, ahead of the API's problem+json handler
 * (which would otherwise answer for these controllers too).
 */
@ControllerAdvice(basePackageClasses = DashboardAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardAdvice {

    private static final Logger log = LoggerFactory.getLogger(DashboardAdvice.class);

    private final DisplayTime time;

    DashboardAdvice(DisplayTime time) {
        this.time = time;
    }

    @ModelAttribute
    void common(HttpServletRequest request, org.springframework.ui.Model model) {
        model.addAttribute("viewer", request.getAttribute(Viewer.ATTRIBUTE));
        model.addAttribute("time", time);
    }

    /** Missing and another account's look the same: the person learns nothing about other accounts. */
    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(HttpServletRequest request) {
        return page(
                request,
                HttpStatus.NOT_FOUND,
                "Not found",
                "There is nothing here. The link may be mistyped, or the item was deleted.");
    }

    /** A change the current state does not allow (its message says why, for the person): not our failure. */
    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict(HttpServletRequest request, ConflictException e) {
        return page(request, HttpStatus.CONFLICT, "That cannot be done", "Nothing was changed. " + e.getMessage());
    }

    @ExceptionHandler(SignedInInterceptor.FormTokenMismatchException.class)
    ModelAndView staleForm(HttpServletRequest request) {
        return page(
                request,
                HttpStatus.FORBIDDEN,
                "This form has expired",
                "Nothing was changed. Go back, reload the page and try again.");
    }

    @ExceptionHandler(SignedInInterceptor.ReadOnlySessionException.class)
    ModelAndView readOnly(HttpServletRequest request) {
        return page(
                request,
                HttpStatus.FORBIDDEN,
                "You signed in with a read-only key",
                "Nothing was changed. A read-only API key can look at everything but change nothing; sign in with a"
                        + " full-access key to make changes.");
    }

    @ExceptionHandler({
        ServletRequestBindingException.class,
        MethodArgumentTypeMismatchException.class,
        HttpRequestMethodNotSupportedException.class
    })
    ModelAndView badRequest(HttpServletRequest request) {
        return page(
                request,
                HttpStatus.BAD_REQUEST,
                "That request did not make sense",
                "Nothing was changed. Use the links on the page rather than an edited address.");
    }

    /**
     * A form Tomcat would not read: over {@code server.tomcat.max-http-form-post-size} or {@code
     * max-parameter-count}, or badly encoded. Tomcat says which status fits (413 for too large).
     */
    @ExceptionHandler(InvalidParameterException.class)
    ModelAndView unreadableForm(HttpServletRequest request, InvalidParameterException e) {
        HttpStatus status = HttpStatus.resolve(e.getErrorCode());
        return page(
                request,
                status != null && status.is4xxClientError() ? status : HttpStatus.BAD_REQUEST,
                "That form could not be read",
                "Nothing was changed. It was too large or oddly encoded; go back and try again.");
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(HttpServletRequest request, Exception e) {
        log.error("Dashboard page failed: {} {}", request.getMethod(), request.getRequestURI(), e);
        return page(
                request,
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side",
                "It has been logged. Please try again in a moment.");
    }

    private ModelAndView page(HttpServletRequest request, HttpStatus status, String title, String message) {
        ModelAndView page = new ModelAndView("dashboard/error", status);
        page.addObject("viewer", request.getAttribute(Viewer.ATTRIBUTE));
        page.addObject("time", time);
        page.addObject("status", status.value());
        page.addObject("heading", title);
        page.addObject("message", message);
        return page;
    }
}
