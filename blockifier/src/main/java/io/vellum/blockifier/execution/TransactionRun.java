package io.vellum.blockifier.execution;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Pedersen;
import io.vellum.blockifier.crypto.Poseidon;
import io.vellum.blockifier.crypto.Signature;
import io.vellum.blockifier.state.CachedState;
import io.vellum.blockifier.state.StateReadException;
import io.vellum.blockifier.state.StorageSlot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The machinery of one transaction's execution: its gas meter, the events and messages it has produced, the
 * state entries it has written, and the call frames through which contracts act. Created by
 * {@link TransactionExecutor} for one transaction and dropped afterwards.
 *
 * <p>Rollback: the executor takes a {@link Mark} before a phase that may fail and, on failure, rolls the state
 * back to its checkpoint and this run back to the mark (events, messages, written entries). The gas meter is
 * not rolled back: gas spent by a failed phase is still paid for.
 */
final class TransactionRun {
    private final TransactionExecutor executor;
    private final ExecutionConfig config;
    private final GasCosts costs;
    final CachedState state;
    final BlockContext block;
    final TransactionInfo info;

    private long gasRemaining;
    /** Whether per-transaction limits (events, messages) apply: not to the protocol's own fee transfer. */
    private boolean limitsEnforced = true;
    final ArrayList<Event> events = new ArrayList<>(4);
    final ArrayList<MessageToL1> messages = new ArrayList<>(0);
    /** Distinct state entries written (storage slots, nonce and class markers), in first-write order. */
    private final ArrayList<Object> writtenOrder = new ArrayList<>(8);
    private final HashSet<Object> written = new HashSet<>(16);

    /** The nonce of an account, as an entry of the written set. */
    record NonceEntry(ContractAddress address) {
    }

    /** The class of a contract, as an entry of the written set. */
    record ClassEntry(ContractAddress address) {
    }

    /** Where to roll a run back to. */
    record Mark(CachedState.Checkpoint checkpoint, int events, int messages, int written) {
    }

    TransactionRun(TransactionExecutor executor, CachedState state, BlockContext block, TransactionInfo info,
            long gasAvailable) {
        this.executor = executor;
        this.config = executor.config();
        this.costs = config.gasCosts();
        this.state = state;
        this.block = block;
        this.info = info;
        this.gasRemaining = gasAvailable;
    }

    long gasRemaining() {
        return gasRemaining;
    }

    /** Replaces the meter (the fee transfer runs outside the transaction's bound). */
    void setGasRemaining(long gas) {
        gasRemaining = gas;
    }

    /**
     * Turns the per-transaction event and message limits on or off: the fee transfer's event must never fail a
     * transaction that used up its own allowance of events.
     */
    void setLimitsEnforced(boolean enforced) {
        limitsEnforced = enforced;
    }

    void chargeGas(long amount, String operation) {
        if (amount > gasRemaining) {
            long remaining = gasRemaining;
            gasRemaining = 0;
            throw new ExecutionException(new ExecutionError.OutOfGas(operation, amount, remaining));
        }
        gasRemaining -= amount;
    }

    Mark mark() {
        return new Mark(state.checkpoint(), events.size(), messages.size(), writtenOrder.size());
    }

    void rollback(Mark mark) {
        state.rollback(mark.checkpoint());
        truncate(events, mark.events());
        truncate(messages, mark.messages());
        for (int i = writtenOrder.size() - 1; i >= mark.written(); i--) {
            written.remove(writtenOrder.remove(i));
        }
    }

    private static void truncate(ArrayList<?> list, int size) {
        while (list.size() > size) {
            list.remove(list.size() - 1);
        }
    }

    /** Records a state entry this transaction wrote (for its state-diff size). */
    void recordWrite(Object entry) {
        if (written.add(entry)) {
            writtenOrder.add(entry);
        }
    }

    int writtenEntryCount() {
        return written.size();
    }

    // -----------------------------------------------------------------------------------------------------
    // Calls.

    /**
     * Runs an entry point of the contract at {@code address}. Throws {@link ExecutionException} for an unknown
     * contract or selector, too deep a call, or any failure inside; a non-execution exception from a contract's
     * code becomes {@link ExecutionError.ContractFault}. {@link StateReadException} passes through.
     */
    List<Felt> invoke(ContractAddress address, ContractAddress caller, EntryPointType type, Felt selector,
            List<Felt> calldata, int depth) {
        if (depth > config.callDepthMax()) {
            throw new ExecutionException(new ExecutionError.CallDepthExceeded(config.callDepthMax()));
        }
        ClassHash classHash = state.classHashAt(address);
        if (classHash.isZero()) {
            throw new ExecutionException(new ExecutionError.UnknownContract(address, "nothing deployed"));
        }
        NativeContract contract = executor.registry().get(classHash);
        if (contract == null) {
            throw new ExecutionException(
                    new ExecutionError.UnknownContract(address, "class " + classHash + " is not a native class"));
        }
        EntryPoint entryPoint = contract.entryPoint(type, selector).orElse(null);
        if (entryPoint == null) {
            throw new ExecutionException(new ExecutionError.UnknownSelector(address, contract.name(),
                    selector.toHex(), type.label()));
        }
        return run(address, caller, entryPoint, calldata, depth);
    }

    /** Runs the constructor of {@code contract}, just deployed at {@code address}; a missing one is a no-op. */
    List<Felt> construct(ContractAddress address, ContractAddress caller, NativeContract contract,
            List<Felt> calldata, int depth) {
        EntryPoint constructor = contract.entryPoint(EntryPointType.CONSTRUCTOR, Felt.ZERO).orElse(null);
        if (constructor == null) {
            if (!calldata.isEmpty()) {
                throw new ExecutionException(new ExecutionError.MalformedCalldata("constructor",
                        contract.name() + " has no constructor but got " + calldata.size() + " felts"));
            }
            return List.of();
        }
        return run(address, caller, constructor, calldata, depth);
    }

    private List<Felt> run(ContractAddress address, ContractAddress caller, EntryPoint entryPoint,
            List<Felt> calldata, int depth) {
        Frame frame = new Frame(address, caller, depth);
        try {
            return entryPoint.handler().invoke(frame, new Calldata(entryPoint.name(), calldata));
        } catch (ExecutionException failure) {
            failure.addFrame(address + "." + entryPoint.name());
            throw failure;
        } catch (StateReadException unreadable) {
            throw unreadable;
        } catch (RuntimeException bug) {
            ExecutionException failure = new ExecutionException(new ExecutionError.ContractFault(
                    bug.getClass().getSimpleName(), String.valueOf(bug.getMessage())));
            failure.addFrame(address + "." + entryPoint.name());
            throw failure;
        }
    }

    // -----------------------------------------------------------------------------------------------------

    /** One call frame: what a contract sees as its {@link CallContext}. */
    private final class Frame implements CallContext {
        private final ContractAddress address;
        private final ContractAddress caller;
        private final int depth;

        Frame(ContractAddress address, ContractAddress caller, int depth) {
            this.address = address;
            this.caller = caller;
            this.depth = depth;
        }

        @Override
        public ContractAddress contractAddress() {
            return address;
        }

        @Override
        public ContractAddress callerAddress() {
            return caller;
        }

        @Override
        public TransactionInfo transactionInfo() {
            return info;
        }

        @Override
        public BlockContext blockContext() {
            return block;
        }

        @Override
        public GasCosts gasCosts() {
            return costs;
        }

        @Override
        public long gasRemaining() {
            return gasRemaining;
        }

        @Override
        public void chargeGas(long amount, String operation) {
            if (amount < 0) {
                throw new IllegalArgumentException("negative gas charge: " + amount);
            }
            TransactionRun.this.chargeGas(amount, operation);
        }

        @Override
        public Felt storageRead(StorageKey key) {
            TransactionRun.this.chargeGas(costs.storageReadGas(), "storage read");
            return state.storageAt(address, key);
        }

        @Override
        public void storageWrite(StorageKey key, Felt value) {
            TransactionRun.this.chargeGas(costs.storageWriteGas(), "storage write");
            state.setStorage(address, key, value);
            recordWrite(new StorageSlot(address, key));
        }

        @Override
        public StorageKey storageAddress(StorageVariable variable, Felt key) {
            return executor.addresses().address(variable, key);
        }

        @Override
        public StorageKey storageAddress(StorageVariable variable, Felt firstKey, Felt secondKey) {
            return executor.addresses().address(variable, firstKey, secondKey);
        }

        @Override
        public void emitEvent(List<Felt> keys, List<Felt> data) {
            if (keys.size() > config.eventKeysMax()) {
                throw new ExecutionException(new ExecutionError.LimitExceeded("event keys", config.eventKeysMax()));
            }
            if (data.size() > config.eventDataMax()) {
                throw new ExecutionException(new ExecutionError.LimitExceeded("event data", config.eventDataMax()));
            }
            if (limitsEnforced && events.size() >= config.eventsPerTransactionMax()) {
                throw new ExecutionException(new ExecutionError.LimitExceeded("events per transaction",
                        config.eventsPerTransactionMax()));
            }
            TransactionRun.this.chargeGas(costs.eventGas(keys.size(), data.size()), "event");
            events.add(new Event(address, keys, data));
        }

        @Override
        public void sendMessageToL1(Felt toAddress, List<Felt> payload) {
            if (limitsEnforced && messages.size() >= config.messagesPerTransactionMax()) {
                throw new ExecutionException(new ExecutionError.LimitExceeded("messages to L1 per transaction",
                        config.messagesPerTransactionMax()));
            }
            TransactionRun.this.chargeGas(costs.messageGas(payload.size()), "message to L1");
            messages.add(new MessageToL1(address, toAddress, payload));
        }

        @Override
        public List<Felt> callContract(ContractAddress to, Felt selector, List<Felt> calldata) {
            TransactionRun.this.chargeGas(costs.contractCallGas(), "contract call");
            return invoke(to, address, EntryPointType.EXTERNAL, selector, calldata, depth + 1);
        }

        @Override
        public Felt pedersen(Felt a, Felt b) {
            TransactionRun.this.chargeGas(costs.pedersenGas(), "Pedersen hash");
            return Pedersen.hash(a, b);
        }

        @Override
        public Felt poseidon(Felt a, Felt b) {
            TransactionRun.this.chargeGas(costs.poseidonGas(), "Poseidon hash");
            return Poseidon.hash(a, b);
        }

        @Override
        public boolean verifySignature(Felt publicKey, Felt hash, List<Felt> signature) {
            TransactionRun.this.chargeGas(costs.signatureCheckGas(), "signature check");
            if (signature.size() != 2) {
                return false;
            }
            return Ecdsa.verify(publicKey, hash, new Signature(signature.get(0), signature.get(1)));
        }

        @Override
        public boolean checkTransactionSignature(Felt publicKey) {
            TransactionRun.this.chargeGas(costs.signatureCheckGas(), "signature check");
            if (!config.signatureChecksEnabled()) {
                return true;
            }
            List<Felt> signature = info.signature();
            if (signature.size() != 2) {
                return false;
            }
            return Ecdsa.verify(publicKey, info.transactionHash(), new Signature(signature.get(0), signature.get(1)));
        }
    }
}
