package io.chordia.core.random;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Independent random streams derived from one master seed by label, so that adding draws to one
 * concern (say the workload) does not shift another (the faults), and a run is reproducible from
 * the master seed alone.
 */
public final class RandomStreams {
    private final long masterSeed;

    public RandomStreams(long masterSeed) {
        this.masterSeed = masterSeed;
    }

    public long masterSeed() {
        return masterSeed;
    }

    /** The stream for {@code label}; the same label always yields the same sequence. */
    public RandomGenerator stream(String label) {
        return new SplittableRandom(seedFor(label, 0));
    }

    /** The stream for the {@code index}-th member of a family, e.g. ("node", 17). */
    public RandomGenerator stream(String label, long index) {
        return new SplittableRandom(seedFor(label, index));
    }

    long seedFor(String label, long index) {
        long h = mix64(masterSeed ^ 0x9E3779B97F4A7C15L);
        for (int i = 0; i < label.length(); i++) {
            h = mix64(h ^ label.charAt(i));
        }
        return mix64(h ^ mix64(index + 0x632BE59BD9B4E019L));
    }

    /** Stafford's variant 13 of the MurmurHash3 finalizer, as used by SplitMix64. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
