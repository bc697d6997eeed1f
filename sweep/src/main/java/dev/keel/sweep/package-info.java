/**
 * The sweep module's root: {@link dev.keel.sweep.Versions}, keel's and DL4J's versions as a run records them. The
 * sweep's parts are the packages below it, layered: {@code config} ← {@code data} ← {@code space} ← {@code sampler};
 * {@code store}; {@code train} ← {@code run} ← {@code recommend} (docs/DESIGN.md).
 */
package dev.keel.sweep;
