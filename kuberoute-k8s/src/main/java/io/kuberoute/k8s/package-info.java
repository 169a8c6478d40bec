/**
 * The Kubernetes side: mapping fabric8 objects to the core's records, the manifests-file source,
 * and (see the Kubernetes issue) informers, auth modes, events and leader election.
 */
package io.kuberoute.k8s;
