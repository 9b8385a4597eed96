package jollama.quant;

/**
 * The helpers of ggml's reference quantizers, ported so that every float operation happens in the
 * same order and precision as the C (float arithmetic, no fused multiply-add, int operands
 * promoted to float where C promotes them). Any reordering changes the chosen levels for some
 * blocks and with them the file bytes.
 */
final class KQuants {

    /** Superblock size of the k-quants. */
    static final int QK_K = 256;
    /** Below this absolute maximum a group counts as all zero ({@code GROUP_MAX_EPS}). */
    static final float GROUP_MAX_EPS = 1e-15f;

    private KQuants() {
    }

    /**
     * ggml's {@code nearest_int}: adding 1.5·2^23 pushes the fraction out of the mantissa, so the
     * float adder rounds half to even and the low mantissa bits hold the integer. Differs from
     * {@link Math#round} on halves, which matters for bit-exactness. Valid for |f| ≤ 2^22.
     */
    static int nearestInt(float f) {
        float val = f + 12582912.f;
        int i = Float.floatToRawIntBits(val);
        return (i & 0x007fffff) - 0x00400000;
    }

    /** C's {@code roundf}: halves away from zero (unlike {@link Math#round}, which rounds them up). */
    static float roundf(float f) {
        float a = Math.abs(f);
        float t = (float) Math.floor(a);
        if (a - t >= 0.5f) { // exact: t <= a < t + 1
            t += 1.0f;
        }
        return Math.copySign(t, f);
    }

    /**
     * {@code make_qx_quants} for symmetric levels in [-nmax, nmax-1], stored biased by nmax in
     * {@code L}. rmseType 1 weighs by x² (the only variant the reference quantizers use without an
     * imatrix); the scale is refined over 18 candidate inverse scales around nmax / max.
     */
    static float makeQxQuants(int n, int nmax, float[] x, int xo, byte[] L, int lo, int rmseType) {
        float max = 0;
        float amax = 0;
        for (int i = 0; i < n; ++i) {
            float ax = Math.abs(x[xo + i]);
            if (ax > amax) {
                amax = ax;
                max = x[xo + i];
            }
        }
        if (amax < GROUP_MAX_EPS) {
            for (int i = 0; i < n; ++i) {
                L[lo + i] = 0;
            }
            return 0.f;
        }
        float iscale = -nmax / max;
        if (rmseType == 0) {
            for (int i = 0; i < n; ++i) {
                int l = nearestInt(iscale * x[xo + i]);
                L[lo + i] = (byte) (nmax + Math.max(-nmax, Math.min(nmax - 1, l)));
            }
            return 1 / iscale;
        }
        boolean returnEarly = false;
        if (rmseType < 0) {
            rmseType = -rmseType;
            returnEarly = true;
        }
        float sumlx = 0;
        float suml2 = 0;
        for (int i = 0; i < n; ++i) {
            float xi = x[xo + i];
            int l = nearestInt(iscale * xi);
            l = Math.max(-nmax, Math.min(nmax - 1, l));
            L[lo + i] = (byte) (l + nmax);
            float w = weight(rmseType, xi);
            sumlx += w * xi * l;
            suml2 += w * l * l;
        }
        float scale = suml2 != 0 ? sumlx / suml2 : 0.0f;
        if (returnEarly) {
            return suml2 > 0 ? 0.5f * (scale + 1 / iscale) : 1 / iscale;
        }
        float best = scale * sumlx;
        for (int is = -9; is <= 9; ++is) {
            if (is == 0) {
                continue;
            }
            iscale = -(nmax + 0.1f * is) / max;
            sumlx = 0;
            suml2 = 0;
            for (int i = 0; i < n; ++i) {
                float xi = x[xo + i];
                int l = nearestInt(iscale * xi);
                l = Math.max(-nmax, Math.min(nmax - 1, l));
                float w = weight(rmseType, xi);
                sumlx += w * xi * l;
                suml2 += w * l * l;
            }
            if (suml2 > 0 && sumlx * sumlx > best * suml2) {
                for (int i = 0; i < n; ++i) {
                    int l = nearestInt(iscale * x[xo + i]);
                    L[lo + i] = (byte) (nmax + Math.max(-nmax, Math.min(nmax - 1, l)));
                }
                scale = sumlx / suml2;
                best = scale * sumlx;
            }
        }
        return scale;
    }

    private static float weight(int rmseType, float x) {
        return switch (rmseType) {
            case 1 -> x * x;
            case 2 -> 1;
            case 3 -> Math.abs(x);
            default -> (float) Math.sqrt(Math.abs(x));
        };
    }

    /**
     * {@code make_qkx2_quants}: asymmetric levels 0..nmax with a scale and a (negated, ≥ 0)
     * minimum, fitted by weighted least squares over nstep+1 candidate inverse scales
     * (rmin + rdelta·is + nmax) / (max - min). Writes the minimum to {@code theMin[mi]}.
     */
    static float makeQkx2Quants(int n, int nmax, float[] x, int xo, float[] weights, byte[] L, int lo,
                                float[] theMin, int mi, byte[] Laux, float rmin, float rdelta, int nstep,
                                boolean useMad) {
        float min = x[xo];
        float max = x[xo];
        float sumW = weights[0];
        float sumX = sumW * x[xo];
        for (int i = 1; i < n; ++i) {
            float xi = x[xo + i];
            if (xi < min) {
                min = xi;
            }
            if (xi > max) {
                max = xi;
            }
            float w = weights[i];
            sumW += w;
            sumX += w * xi;
        }
        if (min > 0) {
            min = 0;
        }
        if (max == min) {
            for (int i = 0; i < n; ++i) {
                L[lo + i] = 0;
            }
            theMin[mi] = -min;
            return 0.f;
        }
        float iscale = nmax / (max - min);
        float scale = 1 / iscale;
        float bestError = 0;
        for (int i = 0; i < n; ++i) {
            int l = nearestInt(iscale * (x[xo + i] - min));
            int li = Math.max(0, Math.min(nmax, l));
            L[lo + i] = (byte) li;
            float diff = scale * li + min - x[xo + i];
            diff = useMad ? Math.abs(diff) : diff * diff;
            bestError += weights[i] * diff;
        }
        if (nstep < 1) {
            theMin[mi] = -min;
            return scale;
        }
        for (int is = 0; is <= nstep; ++is) {
            iscale = (rmin + rdelta * is + nmax) / (max - min);
            float sumL = 0;
            float sumL2 = 0;
            float sumXL = 0;
            for (int i = 0; i < n; ++i) {
                int l = nearestInt(iscale * (x[xo + i] - min));
                l = Math.max(0, Math.min(nmax, l));
                Laux[i] = (byte) l;
                float w = weights[i];
                sumL += w * l;
                sumL2 += w * l * l;
                sumXL += w * l * x[xo + i];
            }
            float D = sumW * sumL2 - sumL * sumL;
            if (D > 0) {
                float thisScale = (sumW * sumXL - sumX * sumL) / D;
                float thisMin = (sumL2 * sumX - sumL * sumXL) / D;
                if (thisMin > 0) {
                    thisMin = 0;
                    thisScale = sumXL / sumL2;
                }
                float curError = 0;
                for (int i = 0; i < n; ++i) {
                    float diff = thisScale * Laux[i] + thisMin - x[xo + i];
                    diff = useMad ? Math.abs(diff) : diff * diff;
                    curError += weights[i] * diff;
                }
                if (curError < bestError) {
                    System.arraycopy(Laux, 0, L, lo, n);
                    bestError = curError;
                    scale = thisScale;
                    min = thisMin;
                }
            }
        }
        theMin[mi] = -min;
        return scale;
    }

    /*
     * get_scale_min_k4 for four sub-blocks at once: the 12 packed bytes of a Q4_K/Q5_K superblock,
     * read as three little-endian ints a, b, c, hold eight 6-bit scales and mins; these return
     * four of them, one per byte, so a kernel decodes a superblock's scales with a few int ops.
     */

    /** Scales of sub-blocks 0-3, one per byte. */
    static int scales03(int a) {
        return a & 0x3F3F3F3F;
    }

    /** Scales of sub-blocks 4-7, one per byte. */
    static int scales47(int a, int c) {
        return (c & 0x0F0F0F0F) | ((a >>> 2) & 0x30303030);
    }

    /** Mins of sub-blocks 0-3, one per byte. */
    static int mins03(int b) {
        return b & 0x3F3F3F3F;
    }

    /** Mins of sub-blocks 4-7, one per byte. */
    static int mins47(int b, int c) {
        return ((c >>> 4) & 0x0F0F0F0F) | ((b >>> 2) & 0x30303030);
    }

    /** Packs 6-bit scale {@code ls} and min {@code lm} of sub-block j the way ggml does. */
    static void packScaleMin(byte[] s, int j, int ls, int lm) {
        if (j < 4) {
            s[j] = (byte) ls;
            s[j + 4] = (byte) lm;
        } else {
            s[j + 4] = (byte) ((ls & 0xF) | ((lm & 0xF) << 4));
            s[j - 4] |= (byte) ((ls >> 4) << 6);
            s[j] |= (byte) ((lm >> 4) << 6);
        }
    }

    /** Scale of sub-block j from 12 packed bytes (ggml's get_scale_min_k4, first half). */
    static int scaleK4(int j, byte[] q) {
        return j < 4 ? q[j] & 63 : (q[j + 4] & 0xF) | (((q[j - 4] & 0xFF) >> 6) << 4);
    }

    /** Min of sub-block j from 12 packed bytes (ggml's get_scale_min_k4, second half). */
    static int minK4(int j, byte[] q) {
        return j < 4 ? q[j + 4] & 63 : ((q[j + 4] & 0xFF) >> 4) | (((q[j] & 0xFF) >> 6) << 4);
    }
}
