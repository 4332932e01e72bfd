/**
 * The replicated mempool: transactions admitted in log order when their batch is applied, bounded in total and per
 * account, duplicates dropped; removed when a final block includes or rejects them.
 */
package io.vellum.proposer.mempool;
