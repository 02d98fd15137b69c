package app.smartcomply.webhooks.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Every whole number a handler takes from a query string, path or form — the API's and the
 * dashboard's, routes added later included — is read by {@link AsciiNumbers}: ASCII decimal
 * only. A refusal is a type mismatch, which {@link ApiExceptionHandler} answers with the
 * parameter's name.
 *
 * <p>Property editors rather than a converter: when a converter refuses a value, Spring falls
 * back to its default number editor, which would accept {@code 0x10} after all.
 */
@ControllerAdvice
class AsciiNumberBinding {

    @InitBinder
    void asciiNumbersOnly(WebDataBinder binder) {
        binder.registerCustomEditor(Integer.class, editor(AsciiNumbers::toInteger));
        binder.registerCustomEditor(int.class, editor(AsciiNumbers::toInteger));
        binder.registerCustomEditor(Long.class, editor(AsciiNumbers::toLong));
        binder.registerCustomEditor(long.class, editor(AsciiNumbers::toLong));
    }

    private static PropertyEditorSupport editor(Function<String, ? extends Number> parse) {
        return new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(text == null ? null : parse.apply(text));
            }
        };
    }
}
