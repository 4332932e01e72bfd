/**
 * The canonical, versioned binary encoding of Vellum's domain values, used by the Raft log and by storage.
 *
 * <p>A {@link io.vellum.blockifier.codec.Codec} per type, grouped by area ({@code CoreCodecs},
 * {@code TransactionCodecs}, {@code ExecutionCodecs}, {@code StateCodecs}, {@code BlockCodecs}), written with the
 * primitives of {@link io.vellum.blockifier.codec.CodecWriter} and read strictly with
 * {@link io.vellum.blockifier.codec.CodecReader}. Equal values give identical bytes; the decoder accepts only bytes
 * the encoder could produce and reports anything else as a typed
 * {@link io.vellum.blockifier.codec.DecodingException}; every count has a limit
 * ({@link io.vellum.blockifier.codec.CodecLimits}). The format, its limits and its versioning rule are in
 * {@code docs/encoding.md}.
 */
package io.vellum.blockifier.codec;
