package dev.keel.sweep.space;

import dev.keel.sweep.config.Token;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * When the sweep stops a trial before its budget (DESIGN.md: early_terminate), with W&B's keys.
 *
 * @param type    which rule
 * @param minIter hyperband: the epoch of the first rung (W&B's {@code min_iter}); 0 for the other types
 * @param eta     hyperband: rungs at min_iter · eta^k epochs, and the best 1/eta at a rung go on (W&B's
 *                {@code eta}); 0 for the other types
 */
public record EarlyTermination(Type type, int minIter, int eta) {
    /** Stop a trial as soon as the online diagnosis is certain it diverges. */
    public static final EarlyTermination DIVERGENCE = new EarlyTermination(Type.DIVERGENCE, 0, 0);
    /** Also stop a trial whose validation loss is worse than the median of completed trials at the same epoch. */
    public static final EarlyTermination MEDIAN = new EarlyTermination(Type.MEDIAN, 0, 0);
    /** Every trial runs to its epoch budget, early stopping or time budget. */
    public static final EarlyTermination NONE = new EarlyTermination(Type.NONE, 0, 0);

    public static final int DEFAULT_MIN_ITER = 1;
    public static final int DEFAULT_ETA = 3;

    public enum Type implements Token {
        DIVERGENCE("divergence"),
        MEDIAN("median"),
        /** Asynchronous successive halving (ASHA) on the validation metric, beside divergence pruning. */
        HYPERBAND("hyperband"),
        NONE("none");

        private final String token;

        Type(String token) {
            this.token = token;
        }

        @Override
        public String token() {
            return token;
        }
    }

    public EarlyTermination {
        Objects.requireNonNull(type, "early_terminate.type");
        if (type == Type.HYPERBAND) {
            if (minIter < 1) {
                throw new SpaceKeyException("early_terminate.min_iter", "must be a whole number of epochs >= 1, was "
                        + minIter);
            }
            if (eta < 2) {
                throw new SpaceKeyException("early_terminate.eta", "must be a whole number >= 2, was " + eta);
            }
        } else if (minIter != 0 || eta != 0) {
            throw new SpaceKeyException("early_terminate", "min_iter and eta go with type: hyperband");
        }
    }

    /** {@code {type: hyperband, min_iter: M, eta: E}}. */
    public static EarlyTermination hyperband(int minIter, int eta) {
        return new EarlyTermination(Type.HYPERBAND, minIter, eta);
    }

    /** The type without settings: divergence, median or none (hyperband with W&B's defaults). */
    public static EarlyTermination fromToken(String token) {
        Type type = Token.parse(Type.class, token);
        return type == Type.HYPERBAND ? hyperband(DEFAULT_MIN_ITER, DEFAULT_ETA) : new EarlyTermination(type, 0, 0);
    }

    public String token() {
        return type.token();
    }

    /** For the command line: {@code divergence}, or {@code hyperband (min_iter 2, eta 3)}. */
    public String describe() {
        return type == Type.HYPERBAND ? "hyperband (min_iter " + minIter + ", eta " + eta + ")" : type.token();
    }

    /** As sweep.json writes it: {@code {type: divergence}}, or with min_iter and eta for hyperband. */
    public Map<String, Object> toSpec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", type.token());
        if (type == Type.HYPERBAND) {
            spec.put("min_iter", minIter);
            spec.put("eta", eta);
        }
        return spec;
    }
}
