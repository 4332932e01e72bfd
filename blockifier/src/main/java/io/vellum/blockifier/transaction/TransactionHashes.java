package io.vellum.blockifier.transaction;

import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.ContractAddresses;
import io.vellum.blockifier.core.EntryPointSelector;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Pedersen;
import io.vellum.blockifier.crypto.Poseidon;
import io.vellum.blockifier.crypto.Selectors;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Starknet transaction hashes, for every transaction kind and version Starknet has used.
 *
 * <p><b>Design.</b> {@link #hash(Transaction, ChainId)} and {@link #queryHash(Transaction, ChainId)} cover the
 * transactions Vellum executes (the sealed {@link Transaction} set). The other public methods are the
 * low-level hash of each kind and version, taking the fields Starknet hashes, so that historical transactions
 * (the public vectors are real mainnet and Sepolia transactions) can be checked too. Each low-level method takes a
 * {@link Mode}: {@link Mode#EXECUTE} hashes the plain version, {@link Mode#QUERY} hashes version + 2^128, the
 * "query version" a wallet uses to simulate or estimate a transaction, so that its signature can never be
 * replayed as a real transaction.
 *
 * <p>Two families of formulas (Starknet's {@code transaction_hash} in cairo-lang and starknet_api):
 * <ul>
 *   <li><b>Versions 0, 1 and 2</b> (deprecated): Pedersen {@code compute_hash_on_elements} over
 *   {@code [prefix, version, address, entry_point_selector, h(calldata), max_fee, chain_id, extra...]}, where
 *   {@code h} is {@code compute_hash_on_elements} and the "calldata" and extras depend on the kind.</li>
 *   <li><b>Version 3</b> (SNIP-8): {@code poseidon_hash_many} over {@code [prefix, version, sender,
 *   tip_resource_bounds_hash, poseidon_many(paymaster_data), chain_id, nonce, da_modes, ...]}, then the kind's own
 *   fields. The resource-bounds hash includes the L1 data gas bound only when the transaction carries one
 *   (transactions from before Starknet 0.13.4 have only L1 gas and L2 gas).</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class TransactionHashes {
    /** The offset a query version adds to the version: 2^128. */
    public static final BigInteger QUERY_VERSION_OFFSET = BigInteger.ONE.shiftLeft(128);

    /** Versions 0 to 3, then the same with the query offset. */
    private static final List<Felt> VERSIONS = List.of(Felt.of(0), Felt.of(1), Felt.of(2), Felt.of(3),
            queryVersion(0), queryVersion(1), queryVersion(2), queryVersion(3));

    /** The selector of a constructor, which a DEPLOY transaction hashes as its entry point. */
    private static final Felt CONSTRUCTOR_SELECTOR = Selectors.fromName("constructor");

    /**
     * {@code poseidon_many([])}: paymaster data and account deployment data are almost always empty, and this
     * saves two of the seventeen permutations of a typical INVOKE v3 hash.
     */
    private static final Felt POSEIDON_OF_NOTHING = Poseidon.hashMany(List.of());

    /** The deployer a DEPLOY and a DEPLOY_ACCOUNT address is derived with. */
    private static final ContractAddress NO_DEPLOYER = ContractAddress.of(0);

    /** Whether a hash is of the transaction itself or of its query (simulation) form. */
    public enum Mode {
        /** The hash a transaction is signed and executed under: the plain version. */
        EXECUTE,
        /** The hash of the query form used for simulation and fee estimation: version + 2^128. */
        QUERY;

        /** The version felt hashed for {@code version} (0 to 3) in this mode. */
        public Felt version(int version) {
            if (version < 0 || version > 3) {
                throw new IllegalArgumentException("transaction versions are 0 to 3, not " + version);
            }
            return VERSIONS.get(this == QUERY ? 4 + version : version);
        }
    }

    private TransactionHashes() {
    }

    private static Felt queryVersion(int version) {
        return Felt.fromBigInteger(QUERY_VERSION_OFFSET.add(BigInteger.valueOf(version)));
    }

    // ---------------------------------------------------------------------------------------------------
    // The executable set.

    /** The hash a transaction is signed and identified by on {@code chainId}. */
    public static Felt hash(Transaction transaction, ChainId chainId) {
        return hash(transaction, chainId, Mode.EXECUTE);
    }

    /**
     * As {@link #hash(Transaction, ChainId)}, taking an INVOKE's {@code tip_resource_bounds_hash} from {@code memo}
     * (a pure function of the tip and the bounds, which most transactions of a workload share: it saves two or
     * three of the dozen Poseidon permutations of an INVOKE v3 hash). Same result as without the memo.
     */
    public static Felt hash(Transaction transaction, ChainId chainId, TipAndBoundsHashes memo) {
        Objects.requireNonNull(memo, "memo");
        if (transaction instanceof InvokeTransaction invoke) {
            Objects.requireNonNull(chainId, "chainId");
            V3Fields fields = invoke.fields();
            return invokeV3(invoke.senderAddress(), invoke.calldata(), invoke.nonce(), fields,
                    invoke.accountDeploymentData(), List.of(), chainId, Mode.EXECUTE,
                    memo.hash(fields.tip(), fields.resourceBounds()));
        }
        return hash(transaction, chainId);
    }

    /** The hash of the query (simulation) form of a transaction: its version + 2^128. */
    public static Felt queryHash(Transaction transaction, ChainId chainId) {
        return hash(transaction, chainId, Mode.QUERY);
    }

    private static Felt hash(Transaction transaction, ChainId chainId, Mode mode) {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(chainId, "chainId");
        if (transaction instanceof InvokeTransaction invoke) {
            return invokeV3(invoke.senderAddress(), invoke.calldata(), invoke.nonce(), invoke.fields(),
                    invoke.accountDeploymentData(), List.of(), chainId, mode);
        }
        if (transaction instanceof DeployAccountTransaction deployAccount) {
            return deployAccountV3(deployAccount.classHash(), deployAccount.contractAddressSalt(),
                    deployAccount.constructorCalldata(), deployAccount.nonce(), deployAccount.fields(), chainId, mode);
        }
        if (transaction instanceof L1HandlerTransaction l1Handler) {
            return l1Handler(l1Handler.contractAddress(), l1Handler.entryPointSelector(), l1Handler.calldata(),
                    l1Handler.nonce(), chainId, mode);
        }
        throw new AssertionError("unknown transaction kind: " + transaction.getClass().getName());
    }

    // ---------------------------------------------------------------------------------------------------
    // INVOKE.

    /**
     * INVOKE version 0: {@code h_on_elements(["invoke", 0, contract_address, entry_point_selector,
     * h_on_elements(calldata), max_fee, chain_id])}. Version 0 has no nonce.
     */
    public static Felt invokeV0(ContractAddress contractAddress, EntryPointSelector entryPointSelector,
            List<Felt> calldata, Felt maxFee, ChainId chainId, Mode mode) {
        return Pedersen.hashOnElements(TransactionType.INVOKE.hashPrefix(), mode.version(0), contractAddress.value(),
                entryPointSelector.value(), Pedersen.hashOnElements(calldata), maxFee, chainId.value());
    }

    /**
     * INVOKE version 1: {@code h_on_elements(["invoke", 1, sender, 0, h_on_elements(calldata), max_fee, chain_id,
     * nonce])}.
     */
    public static Felt invokeV1(ContractAddress senderAddress, List<Felt> calldata, Felt maxFee, Nonce nonce,
            ChainId chainId, Mode mode) {
        return Pedersen.hashOnElements(TransactionType.INVOKE.hashPrefix(), mode.version(1), senderAddress.value(),
                Felt.ZERO, Pedersen.hashOnElements(calldata), maxFee, chainId.value(), nonce.value());
    }

    /**
     * INVOKE version 3: {@code poseidon_many(["invoke", 3, sender, tip_resource_bounds_hash,
     * poseidon_many(paymaster_data), chain_id, nonce, da_modes, poseidon_many(account_deployment_data),
     * poseidon_many(calldata)])}, followed by {@code poseidon_many(proof_facts)} when {@code proofFacts} is not
     * empty (transactions with proof facts, a recent Starknet addition; Vellum's own transactions carry none).
     */
    public static Felt invokeV3(ContractAddress senderAddress, List<Felt> calldata, Nonce nonce, V3Fields fields,
            List<Felt> accountDeploymentData, List<Felt> proofFacts, ChainId chainId, Mode mode) {
        return invokeV3(senderAddress, calldata, nonce, fields, accountDeploymentData, proofFacts, chainId, mode,
                tipAndResourceBoundsHash(fields.tip(), fields.resourceBounds()));
    }

    private static Felt invokeV3(ContractAddress senderAddress, List<Felt> calldata, Nonce nonce, V3Fields fields,
            List<Felt> accountDeploymentData, List<Felt> proofFacts, ChainId chainId, Mode mode,
            Felt tipAndBoundsHash) {
        List<Felt> elements = new ArrayList<>(11);
        addV3Common(elements, TransactionType.INVOKE, senderAddress, nonce, fields, chainId, mode, tipAndBoundsHash);
        elements.add(poseidonMany(accountDeploymentData));
        elements.add(poseidonMany(calldata));
        if (!proofFacts.isEmpty()) {
            elements.add(Poseidon.hashMany(proofFacts));
        }
        return Poseidon.hashMany(elements);
    }

    // ---------------------------------------------------------------------------------------------------
    // DECLARE.

    /**
     * DECLARE version 0: {@code h_on_elements(["declare", 0, sender, 0, h_on_elements([]), max_fee, chain_id,
     * class_hash])}. Version 0 has no nonce.
     */
    public static Felt declareV0(ContractAddress senderAddress, ClassHash classHash, Felt maxFee, ChainId chainId,
            Mode mode) {
        return Pedersen.hashOnElements(TransactionType.DECLARE.hashPrefix(), mode.version(0), senderAddress.value(),
                Felt.ZERO, Pedersen.hashOnElements(List.of()), maxFee, chainId.value(), classHash.value());
    }

    /**
     * DECLARE version 1: {@code h_on_elements(["declare", 1, sender, 0, h_on_elements([class_hash]), max_fee,
     * chain_id, nonce])}.
     */
    public static Felt declareV1(ContractAddress senderAddress, ClassHash classHash, Felt maxFee, Nonce nonce,
            ChainId chainId, Mode mode) {
        return Pedersen.hashOnElements(TransactionType.DECLARE.hashPrefix(), mode.version(1), senderAddress.value(),
                Felt.ZERO, Pedersen.hashOnElements(classHash.value()), maxFee, chainId.value(), nonce.value());
    }

    /**
     * DECLARE version 2: {@code h_on_elements(["declare", 2, sender, 0, h_on_elements([class_hash]), max_fee,
     * chain_id, nonce, compiled_class_hash])}.
     */
    public static Felt declareV2(ContractAddress senderAddress, ClassHash classHash,
            CompiledClassHash compiledClassHash, Felt maxFee, Nonce nonce, ChainId chainId, Mode mode) {
        return Pedersen.hashOnElements(TransactionType.DECLARE.hashPrefix(), mode.version(2), senderAddress.value(),
                Felt.ZERO, Pedersen.hashOnElements(classHash.value()), maxFee, chainId.value(), nonce.value(),
                compiledClassHash.value());
    }

    /**
     * DECLARE version 3: the V3 common fields, then {@code [poseidon_many(account_deployment_data), class_hash,
     * compiled_class_hash]}.
     */
    public static Felt declareV3(ContractAddress senderAddress, ClassHash classHash,
            CompiledClassHash compiledClassHash, Nonce nonce, V3Fields fields, List<Felt> accountDeploymentData,
            ChainId chainId, Mode mode) {
        List<Felt> elements = new ArrayList<>(11);
        addV3Common(elements, TransactionType.DECLARE, senderAddress, nonce, fields, chainId, mode,
                tipAndResourceBoundsHash(fields.tip(), fields.resourceBounds()));
        elements.add(poseidonMany(accountDeploymentData));
        elements.add(classHash.value());
        elements.add(compiledClassHash.value());
        return Poseidon.hashMany(elements);
    }

    // ---------------------------------------------------------------------------------------------------
    // DEPLOY_ACCOUNT and DEPLOY.

    /**
     * DEPLOY_ACCOUNT version 1: {@code h_on_elements(["deploy_account", 1, contract_address, 0,
     * h_on_elements([class_hash, salt, constructor_calldata...]), max_fee, chain_id, nonce])}, where the address
     * is derived from the salt, class hash and constructor calldata with deployer 0.
     */
    public static Felt deployAccountV1(ClassHash classHash, Felt contractAddressSalt, List<Felt> constructorCalldata,
            Felt maxFee, Nonce nonce, ChainId chainId, Mode mode) {
        ContractAddress address = ContractAddresses.compute(contractAddressSalt, classHash, constructorCalldata,
                NO_DEPLOYER);
        List<Felt> hashedCalldata = new ArrayList<>(constructorCalldata.size() + 2);
        hashedCalldata.add(classHash.value());
        hashedCalldata.add(contractAddressSalt);
        hashedCalldata.addAll(constructorCalldata);
        return Pedersen.hashOnElements(TransactionType.DEPLOY_ACCOUNT.hashPrefix(), mode.version(1), address.value(),
                Felt.ZERO, Pedersen.hashOnElements(hashedCalldata), maxFee, chainId.value(), nonce.value());
    }

    /**
     * DEPLOY_ACCOUNT version 3: the V3 common fields with the derived contract address as sender, then
     * {@code [poseidon_many(constructor_calldata), class_hash, salt]} (no account deployment data).
     */
    public static Felt deployAccountV3(ClassHash classHash, Felt contractAddressSalt, List<Felt> constructorCalldata,
            Nonce nonce, V3Fields fields, ChainId chainId, Mode mode) {
        ContractAddress address = ContractAddresses.compute(contractAddressSalt, classHash, constructorCalldata,
                NO_DEPLOYER);
        List<Felt> elements = new ArrayList<>(11);
        addV3Common(elements, TransactionType.DEPLOY_ACCOUNT, address, nonce, fields, chainId, mode,
                tipAndResourceBoundsHash(fields.tip(), fields.resourceBounds()));
        elements.add(poseidonMany(constructorCalldata));
        elements.add(classHash.value());
        elements.add(contractAddressSalt);
        return Poseidon.hashMany(elements);
    }

    /**
     * DEPLOY (version 0, the long-retired way to deploy a contract without an account): {@code h_on_elements(
     * ["deploy", 0, contract_address, selector("constructor"), h_on_elements(constructor_calldata), 0, chain_id])},
     * where the address is derived with deployer 0.
     */
    public static Felt deploy(ClassHash classHash, Felt contractAddressSalt, List<Felt> constructorCalldata,
            ChainId chainId, Mode mode) {
        ContractAddress address = ContractAddresses.compute(contractAddressSalt, classHash, constructorCalldata,
                NO_DEPLOYER);
        return Pedersen.hashOnElements(TransactionType.DEPLOY.hashPrefix(), mode.version(0), address.value(),
                CONSTRUCTOR_SELECTOR, Pedersen.hashOnElements(constructorCalldata), Felt.ZERO, chainId.value());
    }

    // ---------------------------------------------------------------------------------------------------
    // L1_HANDLER.

    /**
     * L1_HANDLER (version 0, the current form): {@code h_on_elements(["l1_handler", 0, contract_address,
     * entry_point_selector, h_on_elements(calldata), 0, chain_id, nonce])}. The fee paid on L1 is not hashed.
     */
    public static Felt l1Handler(ContractAddress contractAddress, EntryPointSelector entryPointSelector,
            List<Felt> calldata, Nonce nonce, ChainId chainId, Mode mode) {
        return Pedersen.hashOnElements(TransactionType.L1_HANDLER.hashPrefix(), mode.version(0),
                contractAddress.value(), entryPointSelector.value(), Pedersen.hashOnElements(calldata), Felt.ZERO,
                chainId.value(), nonce.value());
    }

    /**
     * L1_HANDLER in the form of early mainnet (before Starknet 0.9), without version and max fee:
     * {@code h_on_elements(["l1_handler", contract_address, entry_point_selector, h_on_elements(calldata),
     * chain_id, nonce])}. Only needed to check very old history; it has no query form.
     */
    public static Felt l1HandlerDeprecated(ContractAddress contractAddress, EntryPointSelector entryPointSelector,
            List<Felt> calldata, Nonce nonce, ChainId chainId) {
        return Pedersen.hashOnElements(TransactionType.L1_HANDLER.hashPrefix(), contractAddress.value(),
                entryPointSelector.value(), Pedersen.hashOnElements(calldata), chainId.value(), nonce.value());
    }

    // ---------------------------------------------------------------------------------------------------
    // Version-3 parts.

    /**
     * {@code poseidon_many([tip, L1_GAS bound, L2_GAS bound, L1_DATA_GAS bound])}, the last only when the
     * transaction carries it; each bound is the packed felt of {@link ResourceBounds#hashFelt(Resource)}.
     */
    public static Felt tipAndResourceBoundsHash(Felt tip, AllResourceBounds bounds) {
        Felt l1Gas = bounds.l1Gas().hashFelt(Resource.L1_GAS);
        Felt l2Gas = bounds.l2Gas().hashFelt(Resource.L2_GAS);
        if (bounds.l1DataGas().isPresent()) {
            return Poseidon.hashMany(tip, l1Gas, l2Gas, bounds.l1DataGas().get().hashFelt(Resource.L1_DATA_GAS));
        }
        return Poseidon.hashMany(tip, l1Gas, l2Gas);
    }

    /** {@code nonce_mode << 32 | fee_mode}: the data-availability modes as one felt. */
    public static Felt dataAvailabilityModes(DataAvailabilityMode nonceMode, DataAvailabilityMode feeMode) {
        return Felt.of(((long) nonceMode.code() << 32) | feeMode.code());
    }

    private static Felt poseidonMany(List<Felt> values) {
        return values.isEmpty() ? POSEIDON_OF_NOTHING : Poseidon.hashMany(values);
    }

    /** The eight elements every V3 hash starts with. */
    private static void addV3Common(List<Felt> elements, TransactionType type, ContractAddress sender, Nonce nonce,
            V3Fields fields, ChainId chainId, Mode mode, Felt tipAndBoundsHash) {
        elements.add(type.hashPrefix());
        elements.add(mode.version(3));
        elements.add(sender.value());
        elements.add(tipAndBoundsHash);
        elements.add(poseidonMany(fields.paymasterData()));
        elements.add(chainId.value());
        elements.add(nonce.value());
        elements.add(dataAvailabilityModes(fields.nonceDataAvailabilityMode(), fields.feeDataAvailabilityMode()));
    }
}
