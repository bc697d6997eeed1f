package dev.keel.sweep.config;

/** Feature preprocessing fitted on the training split only (docs/DESIGN.md: preprocess). */
public enum Preprocessing implements Token {
    NONE("none"),
    STANDARDIZE("standardize"),
    MINMAX("minmax");

    private final String token;

    Preprocessing(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }

    public static Preprocessing fromToken(String token) {
        return Token.parse(Preprocessing.class, token);
    }
}
