package dev.keel.sweep.config;

/** Learning-rate schedule (docs/DESIGN.md: lr_schedule); constants are documented in docs/KNOBS.md. */
public enum LearningRateSchedule implements Token {
    CONSTANT("constant"),
    STEP("step"),
    EXPONENTIAL("exponential"),
    INVERSE("inverse"),
    POLY("poly"),
    COSINE("cosine"),
    ONE_CYCLE("one_cycle"),
    WARMUP_COSINE("warmup_cosine");

    private final String token;

    LearningRateSchedule(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }

    public static LearningRateSchedule fromToken(String token) {
        return Token.parse(LearningRateSchedule.class, token);
    }
}
