/**
 * Ingress: what a node checks before a transaction reaches {@link io.vellum.consensus.node.ConsensusNode#submit}
 * — stateless checks (format, sizes, chain id) and checks against the node's latest state (nonce not already used,
 * account deployed, signature, fee bound covered by the balance), reusing the blockifier's own validation.
 */
package io.vellum.network.ingress;
