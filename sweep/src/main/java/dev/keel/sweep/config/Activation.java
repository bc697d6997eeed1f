package dev.keel.sweep.config;

/** Hidden-layer activation (docs/DESIGN.md: activation). */
public enum Activation implements Token {
    RELU("relu"),
    LEAKYRELU("leakyrelu"),
    ELU("elu"),
    SELU("selu"),
    SWISH("swish"),
    GELU("gelu"),
    TANH("tanh"),
    SIGMOID("sigmoid");

    private final String token;

    Activation(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }

    public static Activation fromToken(String token) {
        return Token.parse(Activation.class, token);
    }
}
