package io.vellum.blockifier.codec;

import io.vellum.blockifier.execution.GasPrices;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.Call;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.EntryPointSelector;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.Event;
import io.vellum.blockifier.execution.ExecutionStatus;
import io.vellum.blockifier.execution.GasConsumed;
import io.vellum.blockifier.execution.MessageToL1;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.testing.Samples;
import io.vellum.blockifier.transaction.AllResourceBounds;
import io.vellum.blockifier.transaction.DataAvailabilityMode;
import io.vellum.blockifier.transaction.DeployAccountTransaction;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.L1HandlerTransaction;
import io.vellum.blockifier.transaction.ResourceBounds;
import io.vellum.blockifier.transaction.Transaction;
import io.vellum.blockifier.transaction.TransactionType;
import io.vellum.blockifier.transaction.V3Fields;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Seeded random domain values for the codec tests, edge-biased like {@link Samples}: empty and long lists, zero and
 * maximal felts, the largest address, optional parts present and absent.
 */
final class DomainSamples {
    /** The chain ExecutableTransaction samples are hashed on. */
    static final ChainId CHAIN = ChainId.SEPOLIA;

    private DomainSamples() {
    }

    /** One type under test: its name, its codec, and how to draw a value. */
    record Case<T>(String name, Codec<T> codec, Function<SplittableRandom, T> draw) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Every type with a codec. */
    static List<Case<?>> cases() {
        return List.of(
                new Case<>("Felt", Codecs.FELT, Samples::felt),
                new Case<>("FeltList", Codecs.FELT_LIST, r -> felts(r, 40)),
                new Case<>("ContractAddress", CoreCodecs.CONTRACT_ADDRESS, DomainSamples::address),
                new Case<>("ClassHash", CoreCodecs.CLASS_HASH, DomainSamples::classHash),
                new Case<>("CompiledClassHash", CoreCodecs.COMPILED_CLASS_HASH,
                        r -> new CompiledClassHash(Samples.felt(r))),
                new Case<>("Nonce", CoreCodecs.NONCE, r -> new Nonce(Samples.felt(r))),
                new Case<>("ChainId", CoreCodecs.CHAIN_ID, r -> new ChainId(Samples.felt(r))),
                new Case<>("EntryPointSelector", CoreCodecs.ENTRY_POINT_SELECTOR, DomainSamples::selector),
                new Case<>("StorageKey", CoreCodecs.STORAGE_KEY, DomainSamples::storageKey),
                new Case<>("BlockNumber", CoreCodecs.BLOCK_NUMBER, r -> new BlockNumber(nonNegativeLong(r))),
                new Case<>("Call", CoreCodecs.CALL,
                        r -> new Call(address(r), selector(r), felts(r, 20))),
                new Case<>("TransactionType", TransactionCodecs.TRANSACTION_TYPE,
                        r -> pick(r, TransactionType.values())),
                new Case<>("DataAvailabilityMode", TransactionCodecs.DATA_AVAILABILITY_MODE,
                        r -> pick(r, DataAvailabilityMode.values())),
                new Case<>("ResourceBounds", TransactionCodecs.RESOURCE_BOUNDS, DomainSamples::resourceBounds),
                new Case<>("AllResourceBounds", TransactionCodecs.ALL_RESOURCE_BOUNDS, DomainSamples::allBounds),
                new Case<>("V3Fields", TransactionCodecs.V3_FIELDS, DomainSamples::v3Fields),
                new Case<>("InvokeTransaction", TransactionCodecs.INVOKE, DomainSamples::invoke),
                new Case<>("DeployAccountTransaction", TransactionCodecs.DEPLOY_ACCOUNT, DomainSamples::deployAccount),
                new Case<>("L1HandlerTransaction", TransactionCodecs.L1_HANDLER, DomainSamples::l1Handler),
                new Case<>("Transaction", TransactionCodecs.TRANSACTION, DomainSamples::transaction),
                new Case<>("ExecutableTransaction", TransactionCodecs.executable(CHAIN),
                        r -> ExecutableTransaction.of(transaction(r), CHAIN)),
                new Case<>("Event", ExecutionCodecs.EVENT, DomainSamples::event),
                new Case<>("MessageToL1", ExecutionCodecs.MESSAGE_TO_L1, DomainSamples::message),
                new Case<>("GasConsumed", ExecutionCodecs.GAS_CONSUMED, DomainSamples::gasConsumed),
                new Case<>("ExecutionStatus", ExecutionCodecs.EXECUTION_STATUS,
                        r -> pick(r, ExecutionStatus.values())),
                new Case<>("Receipt", ExecutionCodecs.RECEIPT, DomainSamples::receipt),
                new Case<>("StateDiff", StateCodecs.STATE_DIFF, DomainSamples::stateDiff),
                new Case<>("GasPrices", BlockCodecs.GAS_PRICES, DomainSamples::gasPrices));
    }

    // ---------------------------------------------------------------------------------------------------

    static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    /** A list length: usually short, sometimes empty, sometimes up to {@code max}. */
    static int length(SplittableRandom r, int max) {
        int pick = r.nextInt(10);
        if (pick < 2) {
            return 0;
        }
        if (pick < 8) {
            return 1 + r.nextInt(Math.min(max, 6));
        }
        return r.nextInt(max + 1);
    }

    static List<Felt> felts(SplittableRandom r, int max) {
        int n = length(r, max);
        List<Felt> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Samples.felt(r));
        }
        return out;
    }

    /** A felt below 2^bits, edge-biased (0, 1, 2^bits - 1). */
    static Felt feltBelowBits(SplittableRandom r, int bits) {
        int pick = r.nextInt(10);
        if (pick == 0) {
            return Felt.ZERO;
        }
        if (pick == 1) {
            return Felt.fromBigInteger(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        }
        if (pick == 2) {
            return Felt.of(r.nextInt(1 << 16));
        }
        return Felt.fromBigInteger(Samples.bits(r, bits));
    }

    static long nonNegativeLong(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> Long.MAX_VALUE;
            case 2 -> r.nextInt(200);
            default -> r.nextLong() >>> 1 >>> r.nextInt(63);
        };
    }

    static ContractAddress address(SplittableRandom r) {
        return new ContractAddress(feltBelowBits(r, 251));
    }

    static ClassHash classHash(SplittableRandom r) {
        return new ClassHash(feltBelowBits(r, 251));
    }

    static StorageKey storageKey(SplittableRandom r) {
        return new StorageKey(feltBelowBits(r, 251));
    }

    static EntryPointSelector selector(SplittableRandom r) {
        return new EntryPointSelector(Samples.felt(r));
    }

    static ResourceBounds resourceBounds(SplittableRandom r) {
        return new ResourceBounds(feltBelowBits(r, 64), feltBelowBits(r, 128));
    }

    static AllResourceBounds allBounds(SplittableRandom r) {
        return new AllResourceBounds(resourceBounds(r), resourceBounds(r),
                r.nextBoolean() ? Optional.of(resourceBounds(r)) : Optional.empty());
    }

    static V3Fields v3Fields(SplittableRandom r) {
        return new V3Fields(allBounds(r), feltBelowBits(r, 64), felts(r, 5),
                pick(r, DataAvailabilityMode.values()), pick(r, DataAvailabilityMode.values()));
    }

    static InvokeTransaction invoke(SplittableRandom r) {
        return new InvokeTransaction(address(r), felts(r, 40), felts(r, 4), new Nonce(Samples.felt(r)),
                v3Fields(r), felts(r, 4));
    }

    static DeployAccountTransaction deployAccount(SplittableRandom r) {
        return new DeployAccountTransaction(classHash(r), Samples.felt(r), felts(r, 10), felts(r, 4),
                new Nonce(Samples.felt(r)), v3Fields(r));
    }

    static L1HandlerTransaction l1Handler(SplittableRandom r) {
        return new L1HandlerTransaction(address(r), selector(r), felts(r, 10), new Nonce(Samples.felt(r)),
                Samples.felt(r));
    }

    static Transaction transaction(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> invoke(r);
            case 1 -> deployAccount(r);
            default -> l1Handler(r);
        };
    }

    static Event event(SplittableRandom r) {
        return new Event(address(r), felts(r, 5), felts(r, 10));
    }

    static MessageToL1 message(SplittableRandom r) {
        return new MessageToL1(address(r), Samples.felt(r), felts(r, 6));
    }

    static GasConsumed gasConsumed(SplittableRandom r) {
        return new GasConsumed(nonNegativeLong(r), nonNegativeLong(r), nonNegativeLong(r));
    }

    /** Text with ASCII, two-byte, three-byte and four-byte (surrogate pair) characters. */
    static String text(SplittableRandom r) {
        String[] pieces = {"a", "Z", " ", "0", "é", "ß", "€", "中", "\uD83D\uDE00", "\n", "\u0000", "\uFFFD"};
        int n = length(r, 30);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(pick(r, pieces));
        }
        return out.toString();
    }

    static Receipt receipt(SplittableRandom r) {
        ExecutionStatus status = pick(r, ExecutionStatus.values());
        Optional<String> reason = status == ExecutionStatus.REVERTED ? Optional.of(text(r)) : Optional.empty();
        int eventCount = length(r, 6);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < eventCount; i++) {
            events.add(event(r));
        }
        int messageCount = length(r, 3);
        List<MessageToL1> messages = new ArrayList<>();
        for (int i = 0; i < messageCount; i++) {
            messages.add(message(r));
        }
        return new Receipt(Samples.felt(r), pick(r, TransactionType.values()), Samples.felt(r), status, reason,
                events, messages, gasConsumed(r));
    }

    static StateDiff stateDiff(SplittableRandom r) {
        TreeMap<ContractAddress, NavigableMap<StorageKey, Felt>> storage = new TreeMap<>();
        int contracts = length(r, 8);
        for (int i = 0; i < contracts; i++) {
            TreeMap<StorageKey, Felt> updates = new TreeMap<>();
            int entries = 1 + length(r, 8);
            for (int j = 0; j < entries; j++) {
                updates.put(storageKey(r), Samples.felt(r));
            }
            storage.put(address(r), updates);
        }
        TreeMap<ContractAddress, Nonce> nonces = new TreeMap<>();
        int n = length(r, 8);
        for (int i = 0; i < n; i++) {
            nonces.put(address(r), new Nonce(Samples.felt(r)));
        }
        TreeMap<ContractAddress, ClassHash> deployed = new TreeMap<>();
        n = length(r, 5);
        for (int i = 0; i < n; i++) {
            deployed.put(address(r), classHash(r));
        }
        TreeMap<ClassHash, CompiledClassHash> declared = new TreeMap<>();
        n = length(r, 5);
        for (int i = 0; i < n; i++) {
            declared.put(classHash(r), new CompiledClassHash(Samples.felt(r)));
        }
        return new StateDiff(storage, nonces, deployed, declared);
    }

    static GasPrices gasPrices(SplittableRandom r) {
        return new GasPrices(Samples.felt(r), Samples.felt(r), Samples.felt(r), Samples.felt(r), Samples.felt(r),
                Samples.felt(r));
    }
}
