package io.vellum.blockifier.codec;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.Event;
import io.vellum.blockifier.execution.ExecutionStatus;
import io.vellum.blockifier.execution.GasConsumed;
import io.vellum.blockifier.execution.MessageToL1;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.transaction.TransactionType;
import java.util.List;
import java.util.Optional;

/**
 * Codecs of what execution produces: events, L2-to-L1 messages, gas consumed, execution status and receipts.
 * Field order is the record's component order; {@link ExecutionStatus} is one byte (SUCCEEDED 0, REVERTED 1).
 */
public final class ExecutionCodecs {
    /** From address, keys, data. */
    public static final Codec<Event> EVENT = new Codec<>() {
        @Override
        public void write(CodecWriter writer, Event value) {
            writer.writeFelt(value.fromAddress().value());
            writer.writeFelts(value.keys(), CodecLimits.EVENT_KEYS_MAX, "event keys");
            writer.writeFelts(value.data(), CodecLimits.EVENT_DATA_FELTS_MAX, "event data");
        }

        @Override
        public Event read(CodecReader reader) throws DecodingException {
            ContractAddress from = CoreCodecs.CONTRACT_ADDRESS.read(reader);
            List<Felt> keys = reader.readFelts(CodecLimits.EVENT_KEYS_MAX, "event keys");
            List<Felt> data = reader.readFelts(CodecLimits.EVENT_DATA_FELTS_MAX, "event data");
            return new Event(from, keys, data);
        }
    };

    /** From address, to address (an L1 address as a felt), payload. */
    public static final Codec<MessageToL1> MESSAGE_TO_L1 = new Codec<>() {
        @Override
        public void write(CodecWriter writer, MessageToL1 value) {
            writer.writeFelt(value.fromAddress().value());
            writer.writeFelt(value.toAddress());
            writer.writeFelts(value.payload(), CodecLimits.MESSAGE_PAYLOAD_FELTS_MAX, "message payload");
        }

        @Override
        public MessageToL1 read(CodecReader reader) throws DecodingException {
            ContractAddress from = CoreCodecs.CONTRACT_ADDRESS.read(reader);
            Felt to = reader.readFelt();
            List<Felt> payload = reader.readFelts(CodecLimits.MESSAGE_PAYLOAD_FELTS_MAX, "message payload");
            return new MessageToL1(from, to, payload);
        }
    };

    /** L1 gas, L1 data gas, L2 gas: three varints (non-negative longs). */
    public static final Codec<GasConsumed> GAS_CONSUMED = new Codec<>() {
        @Override
        public void write(CodecWriter writer, GasConsumed value) {
            writer.writeVarint(value.l1Gas());
            writer.writeVarint(value.l1DataGas());
            writer.writeVarint(value.l2Gas());
        }

        @Override
        public GasConsumed read(CodecReader reader) throws DecodingException {
            long l1Gas = reader.readNonNegativeLong("L1 gas");
            long l1DataGas = reader.readNonNegativeLong("L1 data gas");
            long l2Gas = reader.readNonNegativeLong("L2 gas");
            return new GasConsumed(l1Gas, l1DataGas, l2Gas);
        }
    };

    /** One byte: SUCCEEDED 0, REVERTED 1. */
    public static final Codec<ExecutionStatus> EXECUTION_STATUS = new Codec<>() {
        @Override
        public void write(CodecWriter writer, ExecutionStatus value) {
            writer.writeByte(value == ExecutionStatus.SUCCEEDED ? 0 : 1);
        }

        @Override
        public ExecutionStatus read(CodecReader reader) throws DecodingException {
            return Codecs.readCode(reader, 2, "execution status") == 0
                    ? ExecutionStatus.SUCCEEDED
                    : ExecutionStatus.REVERTED;
        }
    };

    /**
     * Transaction hash, type, actual fee, status, revert reason (an Optional of UTF-8 text, present exactly when
     * the status is REVERTED), events, messages to L1, gas consumed.
     */
    public static final Codec<Receipt> RECEIPT = new Codec<>() {
        @Override
        public void write(CodecWriter writer, Receipt value) {
            writer.writeFelt(value.transactionHash());
            TransactionCodecs.TRANSACTION_TYPE.write(writer, value.type());
            writer.writeFelt(value.actualFee());
            EXECUTION_STATUS.write(writer, value.status());
            writer.writePresence(value.revertReason().isPresent());
            if (value.revertReason().isPresent()) {
                writer.writeText(value.revertReason().get(), CodecLimits.REVERT_REASON_BYTES_MAX, "revert reason");
            }
            writer.writeList(value.events(), CodecLimits.EVENTS_PER_RECEIPT_MAX, "events", EVENT);
            writer.writeList(value.messagesToL1(), CodecLimits.MESSAGES_PER_RECEIPT_MAX, "messages to L1",
                    MESSAGE_TO_L1);
            GAS_CONSUMED.write(writer, value.gasConsumed());
        }

        @Override
        public Receipt read(CodecReader reader) throws DecodingException {
            int start = reader.position();
            Felt transactionHash = reader.readFelt();
            TransactionType type = TransactionCodecs.TRANSACTION_TYPE.read(reader);
            Felt actualFee = reader.readFelt();
            ExecutionStatus status = EXECUTION_STATUS.read(reader);
            Optional<String> revertReason = reader.readPresence()
                    ? Optional.of(reader.readText(CodecLimits.REVERT_REASON_BYTES_MAX, "revert reason"))
                    : Optional.empty();
            List<Event> events = reader.readList(CodecLimits.EVENTS_PER_RECEIPT_MAX, "events", EVENT);
            List<MessageToL1> messages =
                    reader.readList(CodecLimits.MESSAGES_PER_RECEIPT_MAX, "messages to L1", MESSAGE_TO_L1);
            GasConsumed gasConsumed = GAS_CONSUMED.read(reader);
            return reader.validated(start, "receipt", () -> new Receipt(transactionHash, type, actualFee, status,
                    revertReason, events, messages, gasConsumed));
        }
    };

    private ExecutionCodecs() {
    }
}
