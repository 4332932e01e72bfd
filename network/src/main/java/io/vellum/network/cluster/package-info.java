/**
 * Local clusters of node processes on 127.0.0.1: writing a cluster directory ({@link
 * io.vellum.network.cluster.ClusterLayout}) and starting, signalling and stopping its node processes by their
 * recorded PIDs ({@link io.vellum.network.cluster.NodeProcesses}). Shared by {@code vellum cluster} and the
 * simulator.
 */
package io.vellum.network.cluster;
