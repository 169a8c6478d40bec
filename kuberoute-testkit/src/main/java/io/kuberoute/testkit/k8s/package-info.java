/**
 * fabric8's mock Kubernetes API server in CRUD mode on a loopback port, and the configuration of
 * the tests' clients for it.
 */
package io.kuberoute.testkit.k8s;
