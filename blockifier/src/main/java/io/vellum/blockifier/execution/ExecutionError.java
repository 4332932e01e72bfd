package io.vellum.blockifier.execution;

import io.vellum.blockifier.core.ContractAddress;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Why a contract call failed: a closed set. Each kind has a stable {@link #code()} (what tools and tests match
 * on) and a readable {@link #message()} (what a user reads in a receipt's revert reason). The code never changes
 * for a kind; the message may gain detail.
 *
 * <p>An error raised during {@code __execute__} reverts the transaction (it is still included and pays its fee);
 * raised during validation ({@code __validate__}, {@code __validate_deploy__}, a deploy-account constructor) it
 * rejects the transaction. See {@link TransactionExecutor}.
 */
public sealed interface ExecutionError {

    /** A stable, upper-case identifier of the kind of error, e.g. {@code OUT_OF_GAS}. */
    String code();

    /** A readable description with the values involved. */
    String message();

    /** {@code code: message}, the form a revert reason starts with. */
    default String describe() {
        return code() + ": " + message();
    }

    /** A call to an address with nothing deployed, or deployed with a class this node has no code for. */
    record UnknownContract(ContractAddress address, String detail) implements ExecutionError {
        public UnknownContract {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String code() {
            return "UNKNOWN_CONTRACT";
        }

        @Override
        public String message() {
            return "no contract to call at " + address + " (" + detail + ")";
        }
    }

    /** The called contract has no entry point of that kind with that selector. */
    record UnknownSelector(ContractAddress address, String contractName, String selectorHex, String entryPointKind)
            implements ExecutionError {
        public UnknownSelector {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(contractName, "contractName");
            Objects.requireNonNull(selectorHex, "selectorHex");
            Objects.requireNonNull(entryPointKind, "entryPointKind");
        }

        @Override
        public String code() {
            return "UNKNOWN_SELECTOR";
        }

        @Override
        public String message() {
            return contractName + " at " + address + " has no " + entryPointKind + " entry point with selector "
                    + selectorHex;
        }
    }

    /** An operation needed more L2 gas than was left. */
    record OutOfGas(String operation, long requiredGas, long remainingGas) implements ExecutionError {
        public OutOfGas {
            Objects.requireNonNull(operation, "operation");
        }

        @Override
        public String code() {
            return "OUT_OF_GAS";
        }

        @Override
        public String message() {
            return "out of L2 gas: " + operation + " needs " + requiredGas + ", " + remainingGas + " left";
        }
    }

    /** An addition whose u256 result would reach 2^256 (or a u128 value its 2^128). */
    record U256Overflow(String operation) implements ExecutionError {
        public U256Overflow {
            Objects.requireNonNull(operation, "operation");
        }

        @Override
        public String code() {
            return "U256_OVERFLOW";
        }

        @Override
        public String message() {
            return "u256 overflow in " + operation;
        }
    }

    /** A subtraction whose result would be negative. */
    record U256Underflow(String operation) implements ExecutionError {
        public U256Underflow {
            Objects.requireNonNull(operation, "operation");
        }

        @Override
        public String code() {
            return "U256_UNDERFLOW";
        }

        @Override
        public String message() {
            return "u256 underflow in " + operation;
        }
    }

    /** A token transfer of more than the sender holds. */
    record InsufficientBalance(ContractAddress account, BigInteger balance, BigInteger amount)
            implements ExecutionError {
        public InsufficientBalance {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(balance, "balance");
            Objects.requireNonNull(amount, "amount");
        }

        @Override
        public String code() {
            return "INSUFFICIENT_BALANCE";
        }

        @Override
        public String message() {
            return "ERC20: transfer amount exceeds balance (account " + account + ", balance " + balance
                    + ", amount " + amount + ")";
        }
    }

    /** A {@code transfer_from} of more than the spender was allowed. */
    record InsufficientAllowance(ContractAddress owner, ContractAddress spender, BigInteger allowance,
            BigInteger amount) implements ExecutionError {
        public InsufficientAllowance {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(spender, "spender");
            Objects.requireNonNull(allowance, "allowance");
            Objects.requireNonNull(amount, "amount");
        }

        @Override
        public String code() {
            return "INSUFFICIENT_ALLOWANCE";
        }

        @Override
        public String message() {
            return "ERC20: insufficient allowance (owner " + owner + ", spender " + spender + ", allowance "
                    + allowance + ", amount " + amount + ")";
        }
    }

    /** A call would nest deeper than the configured limit. */
    record CallDepthExceeded(int depthMax) implements ExecutionError {
        @Override
        public String code() {
            return "CALL_DEPTH_EXCEEDED";
        }

        @Override
        public String message() {
            return "call depth exceeds the limit of " + depthMax;
        }
    }

    /** Calldata that does not match the entry point's layout (too short, too long, a bad length prefix). */
    record MalformedCalldata(String entryPoint, String detail) implements ExecutionError {
        public MalformedCalldata {
            Objects.requireNonNull(entryPoint, "entryPoint");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String code() {
            return "MALFORMED_CALLDATA";
        }

        @Override
        public String message() {
            return "malformed calldata for " + entryPoint + ": " + detail;
        }
    }

    /** A value outside the range its type allows: a u256 half at or above 2^128, an address at or above 2^251. */
    record ValueOutOfRange(String what, String value, String range) implements ExecutionError {
        public ValueOutOfRange {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(range, "range");
        }

        @Override
        public String code() {
            return "VALUE_OUT_OF_RANGE";
        }

        @Override
        public String message() {
            return what + " " + value + " is out of range (" + range + ")";
        }
    }

    /** A transaction signature that does not verify against the account's key. */
    record InvalidSignature(ContractAddress account, String detail) implements ExecutionError {
        public InvalidSignature {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String code() {
            return "INVALID_SIGNATURE";
        }

        @Override
        public String message() {
            return "Account: invalid signature for " + account + " (" + detail + ")";
        }
    }

    /** A per-transaction limit (events, event keys or data, messages) was exceeded. */
    record LimitExceeded(String what, long limit) implements ExecutionError {
        public LimitExceeded {
            Objects.requireNonNull(what, "what");
        }

        @Override
        public String code() {
            return "LIMIT_EXCEEDED";
        }

        @Override
        public String message() {
            return what + " exceeds the limit of " + limit;
        }
    }

    /** A contract's own check failed (Cairo's {@code assert} with an error message). */
    record AssertionFailed(String contractMessage) implements ExecutionError {
        public AssertionFailed {
            Objects.requireNonNull(contractMessage, "contractMessage");
        }

        @Override
        public String code() {
            return "ASSERTION_FAILED";
        }

        @Override
        public String message() {
            return contractMessage;
        }
    }

    /**
     * A native contract threw something other than an {@link ExecutionException}: a bug in the contract's Java
     * code. The transaction still ends deterministically (every node runs the same code), but this should never be
     * seen; it is here so that no input can make block execution throw.
     */
    record ContractFault(String exceptionClass, String detail) implements ExecutionError {
        public ContractFault {
            Objects.requireNonNull(exceptionClass, "exceptionClass");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String code() {
            return "CONTRACT_FAULT";
        }

        @Override
        public String message() {
            return "native contract fault " + exceptionClass + ": " + detail;
        }
    }
}
