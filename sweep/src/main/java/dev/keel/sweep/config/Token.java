package dev.keel.sweep.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A knob value written in YAML and trials.jsonl as an exact lower-case token. */
public interface Token {
    String token();

    static <E extends Enum<E> & Token> E parse(Class<E> type, String token) {
        String wanted = token == null ? "" : token.trim().toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.token().equals(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + token + "' is not one of " + allowed(type));
    }

    static <E extends Enum<E> & Token> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Token::token).collect(Collectors.joining(", "));
    }
}
