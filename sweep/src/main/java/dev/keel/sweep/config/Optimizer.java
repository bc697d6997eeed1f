package dev.keel.sweep.config;

/** Optimiser (docs/DESIGN.md: optimizer). momentum is Nesterov with 0.9; adamw decouples weight decay. */
public enum Optimizer implements Token {
    SGD("sgd"),
    MOMENTUM("momentum"),
    ADAM("adam"),
    ADAMW("adamw"),
    RMSPROP("rmsprop"),
    ADAGRAD("adagrad");

    private final String token;

    Optimizer(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }

    public static Optimizer fromToken(String token) {
        return Token.parse(Optimizer.class, token);
    }
}
