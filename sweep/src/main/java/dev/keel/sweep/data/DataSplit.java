package dev.keel.sweep.data;

import java.util.List;

/** Row indices of each split, in a seeded random order, and what the split did that a user should know. */
record DataSplit(int[] train, int[] validation, int[] test, List<String> notes) {
    DataSplit {
        notes = List.copyOf(notes);
    }
}
