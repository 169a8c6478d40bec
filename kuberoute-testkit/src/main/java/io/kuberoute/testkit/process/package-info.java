/**
 * Signals to the processes of the test servers: a SIGSTOP that returns only once the process is
 * really stopped, and SIGCONT.
 */
package io.kuberoute.testkit.process;
