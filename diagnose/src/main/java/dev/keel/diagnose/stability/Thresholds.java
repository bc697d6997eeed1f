package dev.keel.diagnose.stability;

/**
 * Every threshold of the stability classifier, in one place, each with where it comes from, and the confidence
 * of a stable verdict (the last section). "Calibrated"
 * means chosen on the calibration half of the labelled set (docs/DIAGNOSIS.md) and rounded to a plain value
 * inside the gap between the classes there; the held-out half never saw them.
 */
public final class Thresholds {
    private Thresholds() {
    }

    // ---- Preparing the loss -------------------------------------------------------------------------------

    /** Metadata key a reader sets when the format says what a row of the loss averages over ({@code epoch_mean},
     *  {@code window_mean}, {@code minibatch}). */
    public static final String META_LOSS_ROWS = "loss_rows";

    /** Non-finite losses in at most this many first rows, followed only by finite ones, are the start's (a huge
     *  initialisation's first cost, a mixed-precision scaler finding its range), not a lost run. */
    public static final int NON_FINITE_START_ROWS = 3;

    /** Rows whose median gives the starting loss (with the first value, whichever is lower). A median of five
     *  ignores one odd first minibatch; taking the lower of the two keeps a blow-up in the first steps from
     *  raising the start. */
    public static final int START_WINDOW = 5;

    /** Consecutive losses whose median is a "level": one or two freak minibatches cannot move it. */
    public static final int SMOOTHING_WINDOW = 5;

    /** The tail of a run, whose median is where the run ended up. */
    public static final double TAIL_FRACTION = 0.2;

    /** Swings are measured on ln(loss + floor), floor = this × the start: changes far below the starting loss
     *  (a converged run's noise near zero) are not swings. A minibatch of 16 holding one hard example moves a
     *  converged cross-entropy from 0.005 to 0.15, 30× but still a twentieth of the start. Calibrated: at 1% and
     *  2% of the start three stable small-data runs (breast_cancer, iris) read as oscillating; at 10% two
     *  oscillating runs read as stable; 5% separates the calibration half. */
    public static final double LEVEL_FLOOR_OF_START = 0.05;

    // ---- The noise model -------------------------------------------------------------------------------------

    /** A log without epochs needs this many rows before its own noise can say whether a row is one minibatch. */
    public static final int MIN_ROWS_FOR_NOISE_TEST = 30;

    /** Rows whose successive changes (around a running median) correlate at or below this are minibatch noise:
     *  independent noise gives −0.5 whatever its distribution, an averaged curve about 0 or above. Halfway, so
     *  that both keep clear of it. */
    public static final double MINIBATCH_DIFF_AUTOCORRELATION = -0.3;

    /** Swings of an averaged signal are judged from this share of the way into it: the first descent is not a
     *  swing. A third, so that a short per-epoch log still has points to judge. */
    public static final double SWING_JUDGED_FROM = 1.0 / 3;

    /** The share of an epoch's highest minibatch losses left out when its swings are judged without a validation
     *  loss to witness: a fifth, so that hard examples in a few of forty batches do not move the epoch (a tenth still
     *  let the log-normal noise of a converged loss with batches of four through).  */
    public static final double SPIKE_TRIM = 0.2;

    /** A leg of a smooth averaged curve counts as a swing only if it is also this many times the curve's typical
     *  point-to-point change (median absolute change / 0.6745, a standard deviation): twice, so that jitter on a
     *  smooth curve cannot add up to legs, while the slow swings of full-batch descent past its edge (legs of
     *  10–50 rows, each row moving a few percent) stand far out. */
    public static final double ZIGZAG_NOISE_UNITS = 2;

    /** ... and a peak (with the trough after it) counts only where the first half of its fall takes at most this many
     *  times as many rows as the second half of its rise: a sawtooth of sharp rises and long decays is a schedule
     *  (warm restarts), while full-batch descent past its edge climbs about as fast as it falls (PyTorch SGD at 0.5 on
     *  friedman: about 10 rows up, 6 down). Twice. */
    public static final int ZIGZAG_MAX_DECAY_OVER_RISE = 2;

    /**
     * A rise of the smooth training loss that came while the logged learning rate went up by at least this share of
     * its lowest since the trough before it is the schedule (warm restarts that ramp the rate back up, a cyclic
     * schedule), not counted as a swing. A rate a half higher is no rounding of a constant rate, and every restart
     * or cycle schedule raises it far more.
     */
    public static final double SCHEDULED_RATE_RISE = 0.5;

    /** The most confidence an oscillating verdict from unwitnessed minibatch averages may claim: below the 0.9 that
     *  says "right nine times in ten", since pure minibatch noise with a few noisy batches an epoch turns as well. */
    public static final double UNWITNESSED_SWINGS_CONFIDENCE = 0.75;

    /** An averaged signal needs this many points (epochs, evaluations) before its swings are judged. */
    public static final int MIN_POINTS_FOR_SWINGS = 5;

    // ---- Chance level inferred from the loss -----------------------------------------------------------------

    /** ln K is compared with a pinned loss for every K up to this: above it the values of ln K lie closer than
     *  2.5% and a loss would match some K by accident. */
    public static final int PINNED_MAX_K = 20;

    /** Distinct values (other than 0 and 1) a validation accuracy needs before its lattice k/n is read as the size n
     *  of its set. */
    public static final int LATTICE_MIN_VALUES = 3;
    /** How often values on no lattice may, by their rounding, fall on one of the lattices tried: n is tried upwards
     *  only while the odds of such a chance fit, summed over the n tried, stay below this (three values to 3
     *  decimals are read up to n of about 80, four up to about 135, to 6 decimals up to thousands). */
    public static final double LATTICE_FALSE_FITS = 0.01;
    /** The largest validation set read from an accuracy's lattice; above it the grain is too small to matter. */
    public static final int LATTICE_MAX_EXAMPLES = 100_000;
    /** A turn of the validation loss by this much or more (on ln scale: threefold) counts however few examples moved
     *  it ({@link Calibration#validationTurnNats} is the grain under it): a loss bouncing between 0.001 and 0.04 on
     *  30 examples (0.04 is 1.2 nats summed) is a converged run thrown off and back again and again. */
    public static final double VALIDATION_GRAIN_UNLESS_LOG = Math.log(3);

    /** Pinned at ln K: the averaged tail at most this share below it (nearly balanced priors cost a little less than
     *  a uniform guess: digits' training priors 0.03% below ln 10, wine's 1.7%) ... */
    public static final double PINNED_BELOW = 0.02;

    /** ... and at most this share above it: a constant guess that is not quite uniform costs a little more, and a
     *  minibatch's mean moves with the classes it holds (saturated sigmoid stacks in PyTorch sat 1.6-2.7% above ln 10
     *  on digits and 1.7-4.9% above ln 4 on a four-class set for the last half of their runs). A loss within this of
     *  ln K for half a run is no better than a uniform guess, whatever it is called. */
    public static final double PINNED_ABOVE = 0.06;

    /** Learnt, by the validation metric: an accuracy this far above a uniform guess's 1/K (a majority guess on
     *  data whose largest class is more than this above 1/K would pass too, so the loss decides first) ... */
    public static final double LEARNT_ACCURACY_ABOVE_GUESS = 0.15;

    /** ... or an R^2 of at least this (a mean guess has 0). */
    public static final double LEARNT_R2 = 0.15;

    /** ... for at least this share of the last half's points (one epoch's leftover from a fall to chance may not). */
    public static final double PINNED_SHARE = 0.8;

    /** A validation accuracy this far above a uniform guess's 1/K says the run learnt something: not pinned. */
    public static final double PINNED_ACCURACY_ABOVE_GUESS = 0.15;

    /** ... with the validation loss, where there is one, also within this share of ln K. */
    public static final double PINNED_VALIDATION_TOLERANCE = 0.05;

    /** Points of the averaged loss needed before a pinned tail is believed. */
    public static final int PINNED_MIN_POINTS = 6;

    /** Points (the last third of the averaged loss, at least this many) that must agree for a loss to be frozen. */
    public static final int FROZEN_MIN_POINTS = 4;

    /** Frozen epoch means of minibatch rows: successive ones within this share of each other. A constant guess
     *  gives the same loss on every full pass; a last, smaller batch reshuffled each epoch moves the mean of
     *  batch means by up to about 1% on imbalanced binary data, so frozen needs far less than that. */
    public static final double FROZEN_EPOCH_MEAN_CHANGE = 2e-3;

    /** Frozen rows that already average (a per-epoch log, a full batch): the same value to the digits printed. */
    public static final double FROZEN_ROW_CHANGE = 1e-6;

    /** Frozen rows that already average must have been written with at least this many significant digits: a
     *  converged loss printed as 0.0047 repeats too (a PaiNN regression log, stable, did). */
    public static final int FROZEN_MIN_DIGITS = 3;

    /** A validation accuracy the same over this many last evaluations ... */
    public static final int ACCURACY_AT_GUESS_POINTS = 3;

    /** ... and within this of 1/K for a whole K (MNIST's rarest-to-commonest class shares lie within 0.01 of
     *  0.1) says the classifier predicts one class for everything. */
    public static final double ACCURACY_AT_GUESS_TOLERANCE = 0.01;

    /** A run that ended at least this many times its chance level and stopped improving is worse than any guess:
     *  its outputs saturated on the wrong answers (RMSprop at 1.0 on MNIST: 14.5 against ln 10 = 2.3). */
    public static final double STUCK_OVER_CHANCE = 2.5;

    /** Without a chance level: a run whose last fifth stayed at least this many times above where it began lost
     *  what it had (a LoRA fine-tune that blew up from 1.4 to 5 and stayed). Half the blow-up line, because it must
     *  hold to the end. */
    public static final double ENDED_OVER_START = 2.0;

    /** Without a chance level, "did not learn" needs the averaged loss to have stopped declining over its second
     *  half: by less than this (ln 1.01) or twice its noise. On the real logs of the corpus the runs that learnt
     *  nothing declined by 0.0-0.2% there; fine-tuning and fast-converging runs that only declined slowly, by 1.8-4%. */
    public static final double FLAT_DECLINE = Math.log(1.01);

    /** An accuracy column that rose by this much (0.1, or 10 points of a percentage) says something was learnt. */
    public static final double ACCURACY_RISE = 0.1;

    /** A loss frozen below this share of its first value was fitted to (nearly) zero, not stuck; a rate below
     *  this share of its peak explains a frozen loss too. */
    public static final double FROZEN_MIN_OF_FIRST = 0.02;

    // ---- Diverging ------------------------------------------------------------------------------------------

    /** Explode then flat: one loss at least this many times the start (three orders of magnitude: no minibatch
     *  of a healthy run does that), after the first rows, and never back below the start afterwards. */
    public static final double EXPLODE_OF_START = 1e3;

    /** A blow-up: the median of {@link #SMOOTHING_WINDOW} consecutive losses at this many times the start.
     *  DL4J clips cross-entropy at −ln(1e−10) ≈ 23 an example, so a diverged classifier reads about 23 × its
     *  error rate: 7–9× the start ln K for K = 3…10 classes and still 5× for K = 100. Four times the loss of an
     *  untrained model is worse than guessing. The online monitor stops runs on this rule, so it must stay clear
     *  of every run that is not diverging. Calibrated: on the calibration half the highest ratio of a run that
     *  was not diverging was 3.1 (an oscillating Adam run; stable runs stayed below 1.5), the lowest of a
     *  diverging run that no other rule caught 5.9.
     *  <p>The level must also reach the first recorded loss, the untrained model's: a full-batch regression whose
     *  loss falls 40× in its first three steps (a large initial output) and then spikes to 6× the median of its
     *  first five, but to a third of its untrained loss, is in the catapult phase (Lewkowycz et al. 2020: a step
     *  between 2/λ and about 4/λ makes the loss rise while the curvature drops, then converge), not lost. Found on
     *  keel's own DL4J runs (full-batch SGD at 0.05 and 0.06 on builtin:ill_conditioned). */
    public static final double BLOW_UP_OF_START = 4.0;
    /** Round trips (up {@link #BLOW_UP_OF_START}-fold and back down as far) of rows that already average after which
     *  a loss is taken to swing, not to have blown up or lost its progress: once is a catapult or a blow-up, three
     *  times is a rhythm (a Keras log going 2.3, 46, 2.0, 72, 1.9, 15, 2.0, 1934, 1.7). */
    public static final int SWING_ROUND_TRIPS = 3;

    /** A blow-up is lost once its level has stayed above the line for this many rows in a row; a shorter one is
     *  judged by whether the run learns afterwards (a catapult). The online monitor stops on this many, so it must
     *  outlast every catapult: on the labelled corpus the longest that recovered (full-batch gradient descent at
     *  16 on spirals, RMSprop at 0.2 on XOR) lasted 48 and 66 rows; the diverging runs that never recovered and
     *  never went NaN stayed above it for 98 rows or more, or ended sooner. */
    public static final int BLOW_UP_SUSTAINED_ROWS = 70;

    /** ... recovered: afterwards the loss got below half its start (chance unknown) or clearly below chance. The
     *  catapults of the corpus came back to 0.17 of their start or lower; the runs that fell back from a blow-up
     *  only to their chance level, 0.65 or higher. */
    public static final double RECOVERED_LOG_BELOW_START = Math.log(2);

    /** Lost progress: the run ended at least this many times above its best level (an order of magnitude)
     *  ... */
    public static final double LOST_OF_BEST = 10.0;

    /** ... having given back at least this share of the way it had come down from its start. Together: a
     *  run that learnt and then blew up into a flat, dead loss (dying ReLUs, a saturated softmax) whose level
     *  need not be above the start: such a run falls back to its chance level, giving back about 100%.
     *  Calibrated: runs that were not diverging but ended 10× above their best (noise-driven heavy-ball
     *  swings) had given back at most 47%. */
    public static final double LOST_SHARE_OF_PROGRESS = 0.85;

    /** ... the share given back, for a loss still climbing when the log ends (whose share is still growing). Own
     *  calibration, 2026-11-26, on a Hugging Face log cut while blowing up. */
    public static final double CLIMBING_LOST_SHARE = 0.7;

    /** Lost progress in a log that ends mid-climb: the loss must have stayed above {@link #LOST_OF_BEST} × its best
     *  for at least this share of the run (and 10 rows). Own calibration, 2026-11-26: a noisy SGD run on
     *  breast_cancer (batch 16, 125 steps) ended with a 3-row burst at 20× its best and is not lost; a Hugging Face
     *  log cut while blowing up spent the last 10% of its rows above the line. Changed no verdict of the labelled set. */
    public static final double CLIMB_MIN_SHARE = 0.05;

    /** ... or, with the same share given back by a run that had learnt (its best a third below its untrained,
     *  first, loss), a tail that went flat: its typical step-to-step change at most this share of the first
     *  half's. The dead loss of docs/DESIGN.md ("a blow-up followed by a flat, dead loss is diverging"): once
     *  oversized steps have killed every ReLU of a layer the network predicts the same for every batch, and a
     *  classifier's minibatch loss stops moving. Found on keel's own DL4J runs (SGD at 1.49 on digits: the loss
     *  returns to chance without ever reaching 4x its start). Calibrated: on the calibration half the dead runs
     *  read 0.10 and 0.12, the runs that gave back as much without dying (noisy regression plateaus, an
     *  edge-of-stability cycle) 0.90 to 1.10. */
    public static final double DEAD_LOSS_FLATNESS = 0.25;

    /** Parameters growing by three orders of magnitude over a run: the weights are running away
     *  (AUTOTRAINER flags exploding weights; three decades is far beyond what weight growth in healthy
     *  training, typically under 10×, shows). */
    public static final double PARAM_NORM_GROWTH = 1e3;

    // ---- Oscillating ----------------------------------------------------------------------------------------

    /** Rows in the centred running median that serves as the local trend for swings. */
    public static final int TREND_WINDOW = 15;

    /** Successive changes of the loss strongly anti-correlated: white minibatch noise around a trend gives a
     *  lag-1 autocorrelation of first differences of −0.5 (a textbook MA(1) fact); a period-2 flip-flop
     *  (past the edge of stability, 2/L) gives −1. Halfway between, with room for sampling error. */
    public static final double FLIP_FLOP_DIFF_AUTOCORRELATION = -0.75;

    /** ... and the flips are not tiny: median |change| of ln(loss) at least this (≈ 3% a step). The
     *  autocorrelation already rules out noise, so this only keeps numerical ripples out. Calibrated: it was 0.1
     *  until keel's own DL4J runs (full-batch SGD on diabetes past the edge of stability) showed period-2 cycles
     *  flipping by 4.7% a step to the end of the run; no run of the calibration half that was not oscillating
     *  had an autocorrelation below −0.6 at all, and the period-2 runs flip by 0.047 to 0.63. */
    public static final double FLIP_FLOP_MIN_SWING = 0.03;

    /** Rhythmic swings: the spectral flatness of ln(loss) around its local trend (second half) at most this.
     *  White noise, whatever its distribution, gives e^−γ ≈ 0.56 (Wiener entropy of a flat spectrum); one
     *  dominant period (an under-damped mode, e.g. heavy-ball momentum near its edge 2(1+β)/L) gives far less.
     *  Calibrated: stable runs with swings large enough to matter had 0.41–0.56, rhythmic oscillating ones
     *  0.00–0.23. */
    public static final double RHYTHM_FLATNESS = 0.3;

    /** ... and the rhythm is large: its 10–90% spread at least ln 2 (the loss moves by a factor of 2). A round
     *  value inside the calibration gap (no stable run had a rhythm; rhythmic oscillating runs spread ≥ 0.58). */
    public static final double RHYTHM_MIN_SPREAD = Math.log(2);

    /** A spike: a loss at least this many times its local trend (ln 3) ... */
    public static final double SPIKE_LOG_RATIO = Math.log(3);

    /** ... and at least this many times the run's own typical step-to-step change of ln(loss): beyond its
     *  minibatch noise. White noise of any size moves about 1 sd a step and never 20; heavy-tailed minibatch
     *  noise (a hard example in a batch of 4) reached 10 to 20 on the calibration half (DL4J Adam on iris with
     *  batches of 4, stable), while recurring full-batch spikes (keel's own DL4J runs: SGD at 2 on spirals,
     *  RMSprop at 0.02-0.05) and the generated recurring spikes stand 30 to 300 above it. This replaced a plain
     *  10× rule, which both called that noisy stable run oscillating and missed full-batch spikes of 3-7×. */
    public static final double SPIKE_OVER_NOISE = 20;

    /** Spikes must keep coming back: at least this many separate spikes in the second half of the run. One
     *  spike that recovers is a bad batch (reported as nothing); two have come back. On the calibration half
     *  stable runs had none, oscillating ones 2 to 13 (generated) and 3 to 6 (DL4J). */
    public static final int RECURRING_SPIKES = 2;

    /** Large swings: the 10–90% spread of ln(loss) around its local trend in the second half at least this
     *  (a factor of e^1.5 ≈ 4.5 between a high and a low minibatch). Calibrated, with a thin margin: stable
     *  runs on the calibration half reached 1.42 (log-normal minibatch noise of sd 0.5 plus hard batches), the
     *  lowest oscillating run that no other rule caught 1.55. */
    public static final double SWING_SPREAD = 1.5;

    /** Oscillation is judged on the second half of the run, and only when it has at least this many rows. */
    public static final int MIN_ROWS_FOR_OSCILLATION = 20;

    // ---- Vanishing ------------------------------------------------------------------------------------------

    /** First-layer gradient norm below this fraction of the last layer's (AUTOTRAINER, ICSE 2021, β1 = 1e−3). */
    public static final double GRADIENT_RATIO_VANISHING = 1e-3;

    /** In a run that did not learn, a first-layer gradient below this share of the last's is named as the cause
     *  (it fades through the layers), short of the 1e-3 that makes vanishing gradients a rule of their own. */
    public static final double GRADIENT_RATIO_FADING = 1e-2;

    /** Stalled: the loss never got this far below its start (ln 1.5, i.e. never a third lower). A model that
     *  stays at its initial (chance) level. Calibrated: vanishing runs of the calibration half improved by at
     *  most ln 1.25, learning runs by at least ln 3.9 (plateaus with healthy gradients, stable, stall too). */
    public static final double STALL_LOG_IMPROVEMENT = Math.log(1.5);

    /** Dead ReLUs: share of units with zero output on the whole batch (AUTOTRAINER γ = 0.7; DeepDiagnosis 0.7). */
    public static final double DEAD_FRACTION = 0.7;

    /** Saturated sigmoid/tanh units beyond |x| > 5 (DeepDiagnosis, ICSE 2022: share 0.5). */
    public static final double SATURATED_FRACTION = 0.5;

    /** Confidence of a vanishing verdict made from the loss alone (no gradient columns): a flat loss can also
     *  be a plateau with healthy gradients, which only per-layer data tells apart. */
    public static final double LOSS_ONLY_VANISHING_CONFIDENCE = 0.55;

    // ---- Secondary findings ---------------------------------------------------------------------------------

    /** Exploding gradients: first-layer gradient norm above this multiple of the last's (AUTOTRAINER β3 = 70). */
    public static final double GRADIENT_RATIO_EXPLODING = 70;

    /** Gradient norm growing this many times above its early median (three orders of magnitude). */
    public static final double GRADIENT_NORM_GROWTH = 1e3;

    /** Update:parameter ratio ‖Δθ‖/‖θ‖ outside [1e−4, 1e−2]: the DL4J and cs231n guideline is about 1e−3. */
    public static final double UPDATE_RATIO_LOW = 1e-4;
    public static final double UPDATE_RATIO_HIGH = 1e-2;

    /** Overfitting: validation loss this far (ln 1.1, 10%) above its minimum at the end while the training
     *  loss kept falling (AUTOTRAINER's "test turn bad", made scale-free). */
    public static final double OVERFIT_LOG_RISE = Math.log(1.1);

    /** A secondary finding, gave back progress: the loss ended with at least this share of its progress from
     *  start to best given back (half) ... */
    public static final double GAVE_BACK_SHARE = 0.5;

    /** ... and at least this many times its best level, so that the noise of a flat run's best level does not
     *  count. Round values for a finding that does not change the verdict (lost_progress, the primary rule,
     *  needs 70% and a flat or 10× loss): keel's DL4J SGD-1.49 digits runs that kept their units gave back
     *  50-66% and ended 2.2-3.7× above their best. */
    public static final double GAVE_BACK_OF_BEST = 1.5;

    /** Validation evaluations needed after the validation minimum before calling it overfitting. */
    public static final int OVERFIT_MIN_EVALS_AFTER_BEST = 3;

    /** Stopped improving: the second half of the run improved the loss by less than this (ln 1.05: 5%). With a
     *  first-layer gradient below {@link #GRADIENT_RATIO_VANISHING} of the last's, that is vanishing even when the
     *  loss fell early on (AUTOTRAINER diagnoses vanishing gradients from the ratio together with training that
     *  no longer improves): a deep tanh stack with N(0, 1) weights drops from its saturated start to the class
     *  priors in a few steps, then nothing (keel's own DL4J runs on spirals). On the calibration half no run
     *  that was not vanishing or diverging had a ratio below 1e-3. */
    public static final double SLOW_LOG_IMPROVEMENT = Math.log(1.05);

    // ---- Confidence of a stable verdict ---------------------------------------------------------------------
    // More rows, per-layer columns and a known chance level make "nothing went wrong" more certain; a short
    // trace says little, and a stable run that stalled, gave back progress or lost most of a layer's units is a
    // weaker "stable". Confidence = BASE + ROWS_SHARE × min(1, rows / FULL_ROWS) + GRADIENTS (if per-layer
    // gradients were recorded) + LEARNT (if the run learnt), less DOUBT for a stall, dead units or progress
    // given back. A rule that fires states its own confidence beside its evidence (a base grown by how far
    // past its threshold the run is, Primary.confidence).

    public static final double STABLE_CONFIDENCE_BASE = 0.5;
    public static final double STABLE_CONFIDENCE_ROWS_SHARE = 0.25;
    public static final int STABLE_CONFIDENCE_FULL_ROWS = 100;
    public static final double STABLE_CONFIDENCE_GRADIENTS = 0.1;
    public static final double STABLE_CONFIDENCE_LEARNT = 0.1;
    public static final double STABLE_CONFIDENCE_DOUBT = 0.15;
}
