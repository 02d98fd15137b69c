package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * A JSON body must be well-formed UTF-8 (RFC 8259 §8.1), checked strictly before the JSON parser
 * sees it. The parser alone decodes leniently: it reads an overlong encoding such as {@code C0 AF}
 * as {@code /}, and takes encoded surrogates, so bytes that a filter in front of us, a log or a
 * receiver reading the stored text would see differently would pass. Java's decoder refuses all of
 * those; a refusal is 400 {@code invalid_json}, like any other body that is not JSON.
 *
 * <p>The body is read whole, which costs nothing extra: it is bounded by {@link
 * BodySizeLimitFilter} and the parser builds a tree of all of it anyway.
 */
@ControllerAdvice
class StrictUtf8BodyAdvice extends RequestBodyAdviceAdapter {

    static final String DETAIL = "The request body is not valid UTF-8 (byte %d). Send JSON encoded as UTF-8.";

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converter) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage input,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converter)
            throws IOException {
        byte[] body = input.getBody().readAllBytes();
        checkUtf8(body);
        HttpHeaders headers = input.getHeaders();
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    /** Whether the body is well-formed UTF-8, by the same test as the refusal below. */
    static boolean isStrictUtf8(byte[] body) {
        try {
            checkUtf8(body);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static void checkUtf8(byte[] body) {
        if (isAscii(body)) {
            return; // ASCII is well-formed UTF-8; most bodies are, and decoding would copy them
        }
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body);
        try {
            decoder.decode(bytes);
        } catch (CharacterCodingException e) {
            // decode() stops at the first bad sequence: the buffer's position is where it starts.
            throw new InvalidInputException("invalid_json", null, DETAIL.formatted(bytes.position() + 1));
        }
    }

    private static boolean isAscii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
