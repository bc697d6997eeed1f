/**
 * The trace: {@link dev.keel.diagnose.trace.Trace} (steps and named columns, metadata, notes), keel's CSV written
 * and appended, and {@link dev.keel.diagnose.trace.TraceReader}, which reads it and other tools' logs (JSON Lines,
 * Keras, Lightning, Hugging Face, W&amp;B, TensorBoard, printed logs, notebooks). Uses the diagnose basics only; every
 * module that records or reads a run uses it.
 */
package dev.keel.diagnose.trace;
