package dev.keel.sweep.train.memory;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.shape.options.ArrayOptionsHelper;
import org.nd4j.linalg.api.shape.options.ArrayType;
import org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider;

/**
 * ND4J 1.0.0-M2.1's shape-info provider caches only one of its overloads; the one every {@code new NDArray}
 * calls (with the {@code empty} flag) builds a fresh native shape buffer each time, plus two JavaCPP
 * pointers. Under {@code nopointergc} none of them is ever freed: measured, about 130 per training step of a
 * small MLP and the larger part of the per-step native leak. Shape buffers are immutable constants, so
 * routing that overload through the cache is safe; the parent bounds the cache at 1,000 distinct shapes.
 */
public final class CachingShapeInfoProvider extends DirectShapeInfoProvider {
    @Override
    public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride,
                                                           char order, DataType dataType, boolean empty) {
        long extras = ArrayOptionsHelper.setOptionBit(0L, dataType);
        if (empty) {
            extras = ArrayOptionsHelper.setOptionBit(extras, ArrayType.EMPTY);
        }
        return createShapeInformation(shape, stride, elementWiseStride, order, extras);
    }
}
