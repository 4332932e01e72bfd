package io.vellum.blockifier.contracts;

import io.vellum.blockifier.core.Call;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.CallContext;
import io.vellum.blockifier.execution.Calldata;
import io.vellum.blockifier.execution.EntryPoint;
import io.vellum.blockifier.execution.EntryPointType;
import io.vellum.blockifier.execution.ExecutionError;
import io.vellum.blockifier.execution.ExecutionException;
import io.vellum.blockifier.execution.NativeContract;
import io.vellum.blockifier.execution.StorageVariable;
import io.vellum.blockifier.execution.TransactionExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * The account ({@link VellumClass#ACCOUNT}): one Stark public key, a signature check, and a multicall, with the
 * entry points and calldata layouts of a Cairo 1 OpenZeppelin account.
 *
 * <h2>Storage</h2>
 * {@code Account_public_key}: the Stark key (x coordinate) that signs the account's transactions.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@code constructor(public_key)} — a non-zero key.</li>
 *   <li>{@code __validate__(calls)} — the calls must be well formed ({@link Multicall}); the transaction's
 *       signature (exactly r, s) must verify for the transaction hash and the stored key. Returns 'VALID'.</li>
 *   <li>{@code __validate_deploy__(class_hash, salt, public_key)} — the same signature check, for
 *       DEPLOY_ACCOUNT. Returns 'VALID'.</li>
 *   <li>{@code __execute__(calls)} — only the protocol (caller 0) may call it; runs each call in order and
 *       returns {@code Array<Span<felt252>>}: {@code [n, (len, data...) * n]}. Any failing call fails it.</li>
 *   <li>{@code is_valid_signature(hash, signature: Array<felt252>)} — 'VALID' or 0.</li>
 *   <li>{@code get_public_key()} — the key.</li>
 * </ul>
 */
public final class AccountContract extends NativeContract {
    public static final StorageVariable PUBLIC_KEY = StorageVariable.of("Account_public_key");

    public AccountContract() {
        super(VellumClass.ACCOUNT.classHash(), "Account");
        entryPoints(List.of(
                EntryPoint.of("constructor", EntryPointType.CONSTRUCTOR, this::constructor),
                EntryPoint.of("__validate__", EntryPointType.EXTERNAL, this::validate),
                EntryPoint.of("__validate_deploy__", EntryPointType.EXTERNAL, this::validateDeploy),
                EntryPoint.of("__execute__", EntryPointType.EXTERNAL, this::execute),
                EntryPoint.of("is_valid_signature", EntryPointType.EXTERNAL, this::isValidSignature),
                EntryPoint.of("get_public_key", EntryPointType.EXTERNAL, this::getPublicKey)));
    }

    private List<Felt> constructor(CallContext context, Calldata calldata) {
        Felt publicKey = calldata.felt();
        calldata.end();
        if (publicKey.isZero()) {
            throw new ExecutionException(new ExecutionError.AssertionFailed("Account: public key is zero"));
        }
        context.storageWrite(PUBLIC_KEY.address(), publicKey);
        return List.of();
    }

    private List<Felt> validate(CallContext context, Calldata calldata) {
        Multicall.check(calldata);
        checkSignature(context);
        return List.of(TransactionExecutor.VALID);
    }

    private List<Felt> validateDeploy(CallContext context, Calldata calldata) {
        calldata.felt(); // class_hash
        calldata.felt(); // contract_address_salt
        calldata.felt(); // public_key (the constructor has already stored it)
        calldata.end();
        checkSignature(context);
        return List.of(TransactionExecutor.VALID);
    }

    private void checkSignature(CallContext context) {
        Felt publicKey = context.storageRead(PUBLIC_KEY.address());
        if (!context.checkTransactionSignature(publicKey)) {
            int length = context.transactionInfo().signature().size();
            throw new ExecutionException(new ExecutionError.InvalidSignature(context.contractAddress(),
                    length == 2 ? "does not verify for the transaction hash" : length + " felts instead of 2"));
        }
    }

    private List<Felt> execute(CallContext context, Calldata calldata) {
        if (!context.callerAddress().value().isZero()) {
            throw new ExecutionException(new ExecutionError.AssertionFailed(
                    "Account: invalid caller " + context.callerAddress() + " (only the protocol may execute)"));
        }
        List<Call> calls = Multicall.decode(calldata);
        List<Felt> results = new ArrayList<>(1 + calls.size() * 2);
        results.add(Felt.of(calls.size()));
        for (Call call : calls) {
            List<Felt> result = context.callContract(call.to(), call.selector().value(), call.calldata());
            results.add(Felt.of(result.size()));
            results.addAll(result);
        }
        return results;
    }

    private List<Felt> isValidSignature(CallContext context, Calldata calldata) {
        Felt hash = calldata.felt();
        List<Felt> signature = calldata.array("signature", Integer.MAX_VALUE);
        calldata.end();
        Felt publicKey = context.storageRead(PUBLIC_KEY.address());
        boolean valid = context.verifySignature(publicKey, hash, signature);
        return List.of(valid ? TransactionExecutor.VALID : Felt.ZERO);
    }

    private List<Felt> getPublicKey(CallContext context, Calldata calldata) {
        calldata.end();
        return List.of(context.storageRead(PUBLIC_KEY.address()));
    }

    /** The storage cell of the public key (for genesis). */
    public static StorageKey publicKeySlot() {
        return PUBLIC_KEY.address();
    }
}
