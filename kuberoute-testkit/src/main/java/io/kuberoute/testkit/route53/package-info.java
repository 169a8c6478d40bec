/**
 * An in-test HTTP server speaking Route53's protocol (the REST/XML API the AWS SDK calls) and
 * enforcing its rules, with call counts, paging and injected faults.
 */
package io.kuberoute.testkit.route53;
