package dev.keel.sweep.config;

/** Weight initialiser (docs/DESIGN.md: weight_init). normal is N(0, 1), the naive initialiser. */
public enum WeightInit implements Token {
    XAVIER("xavier"),
    XAVIER_UNIFORM("xavier_uniform"),
    HE("he"),
    HE_UNIFORM("he_uniform"),
    LECUN_NORMAL("lecun_normal"),
    NORMAL("normal"),
    UNIFORM("uniform");

    private final String token;

    WeightInit(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }

    public static WeightInit fromToken(String token) {
        return Token.parse(WeightInit.class, token);
    }
}
