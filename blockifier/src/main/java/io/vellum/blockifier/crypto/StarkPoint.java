package io.vellum.blockifier.crypto;

import java.util.Objects;

/**
 * An affine point on the Stark curve y^2 = x^3 + x + beta over the Stark field. Immutable; the compact
 * constructor checks the curve equation and throws {@link EcdsaException} ({@code POINT_NOT_ON_CURVE}) if it
 * does not hold. The point at infinity has no affine coordinates and is not representable: no public key or
 * generator is ever that point.
 */
public record StarkPoint(Felt x, Felt y) {
    public StarkPoint {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (!StarkCurve.isOnCurve(x, y)) {
            throw new EcdsaException(EcdsaException.Reason.POINT_NOT_ON_CURVE,
                    "(" + x.toHex() + ", " + y.toHex() + ") is not on the Stark curve");
        }
    }

    /** The point with the same x and the opposite y. */
    public StarkPoint negate() {
        return new StarkPoint(x, y.neg());
    }

    /** Writes x then y in Montgomery form, eight limbs, at an offset. */
    void writeMontgomery(long[] target, int offset) {
        x.writeMontgomery(target, offset);
        y.writeMontgomery(target, offset + 4);
    }
}
