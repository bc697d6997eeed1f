package dev.keel.sweep.config;

/** Network family (docs/DESIGN.md: model.type). */
public enum ModelType implements Token {
    MLP("mlp"),
    CNN("cnn");

    private final String token;

    ModelType(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }

    public static ModelType fromToken(String token) {
        return Token.parse(ModelType.class, token);
    }
}
