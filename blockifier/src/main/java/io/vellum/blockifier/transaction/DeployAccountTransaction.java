package io.vellum.blockifier.transaction;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.ContractAddresses;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import java.util.List;
import java.util.Objects;

/**
 * DEPLOY_ACCOUNT version 3: deploys an account of {@code classHash} at the address derived from the salt, class
 * hash and constructor calldata (with deployer 0), then validates and pays for itself from that address.
 */
public record DeployAccountTransaction(
        ClassHash classHash,
        Felt contractAddressSalt,
        List<Felt> constructorCalldata,
        List<Felt> signature,
        Nonce nonce,
        V3Fields fields) implements Transaction {

    public DeployAccountTransaction {
        Objects.requireNonNull(classHash, "classHash");
        Objects.requireNonNull(contractAddressSalt, "contractAddressSalt");
        constructorCalldata = List.copyOf(constructorCalldata);
        signature = List.copyOf(signature);
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(fields, "fields");
    }

    /** The address the account is deployed at. */
    public ContractAddress contractAddress() {
        return ContractAddresses.compute(contractAddressSalt, classHash, constructorCalldata, ContractAddress.of(0));
    }

    @Override
    public ContractAddress nonceAddress() {
        return contractAddress();
    }

    @Override
    public TransactionType type() {
        return TransactionType.DEPLOY_ACCOUNT;
    }

    public DeployAccountTransaction withSignature(List<Felt> newSignature) {
        return new DeployAccountTransaction(classHash, contractAddressSalt, constructorCalldata, newSignature, nonce,
                fields);
    }
}
